namespace ArchLab.Harness.Model.Expectations;

/// <summary>One expectation of an arm, e.g. <c>lost == 0</c> or <c>accept.p99 &lt; 0.2 * rest.accept.p99</c>.</summary>
public sealed record Expectation(string Text);
