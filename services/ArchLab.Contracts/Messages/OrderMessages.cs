namespace ArchLab.Contracts.Messages;

/// <summary>What the caller POSTs to the edge's <c>/orders</c>.</summary>
/// <param name="Id">An <see cref="OrderId"/> in its text form.</param>
/// <param name="Payload">Filler that gives the order the scenario's payload size.</param>
public sealed record PlaceOrder(string? Id, string? Payload);

/// <summary>The edge's answer: <c>completed</c> (synchronous styles) or <c>accepted</c> (messaging styles).</summary>
public sealed record OrderReceipt(string Id, string Status);

/// <summary>What <c>GET /devices/{page}/orders</c> answers: the orders of one page completed since its cursor.</summary>
/// <param name="Next">The cursor to ask from next time.</param>
/// <param name="Orders">The ids of the page's orders completed since the cursor, in the order the read model learnt them.</param>
public sealed record DeviceOrders(long Next, IReadOnlyList<string> Orders);

/// <summary>One step's request in the REST style, and the body of every message in the NATS styles.</summary>
/// <param name="OrderId">The order id as the caller sent it.</param>
/// <param name="Attempt">The caller's attempt number, 1 for the first.</param>
/// <param name="Payload">The order body, carried so that every hop pays for its size.</param>
public sealed record StepMessage(string? OrderId, int Attempt, string? Payload);

/// <summary>A step's answer in the REST style.</summary>
public sealed record StepDone(string OrderId, string Role);
