namespace ArchLab.Harness.Model.Results;

/// <summary>What the arm's browser pages saw of its orders (cross-device).</summary>
/// <param name="Via">How the pages learnt of their orders: <c>poll</c>, <c>nats</c> or <c>jetstream</c>.</param>
/// <param name="Pages">Pages the browser held open.</param>
/// <param name="EveryMs">Polling pages: the interval between polls; null for pushed pages.</param>
/// <param name="Updates">Orders of the measured window whose notify step wrote its effect: each is an update its page should show.</param>
/// <param name="Shown">Of those, the orders their page showed.</param>
/// <param name="Missed">Updates - Shown: orders done that their page never showed.</param>
/// <param name="Duplicates">Times a page showed an order it had shown already.</param>
/// <param name="DelayMs">From the notify step's effect (its ledger) to the page showing the order, over the shown updates; null when none was shown.</param>
/// <param name="Requests">Requests the pages sent in the measured window to learn of their orders: polls, or NATS messages (JetStream's consumer requests and pulls; a core subscription sends none).</param>
/// <param name="RequestsPerUpdate">Requests / Shown; null when nothing was shown.</param>
/// <param name="Disconnects">Times a page's connection to the broker dropped (pushed pages), or a poll failed (polling pages).</param>
public sealed record ArmDevices(
    string Via,
    int Pages,
    double? EveryMs,
    long Updates,
    long Shown,
    long Missed,
    long Duplicates,
    LatencySummary? DelayMs,
    long Requests,
    double? RequestsPerUpdate,
    long Disconnects);
