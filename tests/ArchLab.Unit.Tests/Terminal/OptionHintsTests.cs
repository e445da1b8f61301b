using ArchLab.Cli.Terminal;

namespace ArchLab.Unit.Tests.Terminal;

/// <summary>A refused command line names the option and the form it expects, never a .NET type.</summary>
public sealed class OptionHintsTests
{
    [Theory]
    [InlineData("Failed to convert 'abc' to Nullable`1.", new[] { "run", "async-offload", "--seed", "abc" }, "--seed expects a whole number, got 'abc'")]
    [InlineData("Failed to convert 'abc' to Double.", new[] { "simulate", "retention", "--scale", "abc" }, "--scale expects a number such as 100 or 0.5, got 'abc'")]
    [InlineData("Failed to convert 'x' to Nullable`1.", new[] { "run", "async-offload", "--seed=x" }, "--seed expects a whole number, got 'x'")]
    [InlineData("Failed to convert '70000x' to Int32.", new[] { "proxy", "--port", "70000x" }, "--port expects a whole number, got '70000x'")]
    public void A_value_of_the_wrong_type_names_its_option_and_the_expected_form(string message, string[] arguments, string expected) =>
        Assert.Equal(expected, OptionHints.ConversionMessage(message, arguments));

    [Fact]
    public void A_stray_argument_is_called_unexpected()
    {
        Assert.Equal("unexpected argument 'extra': the command takes no more (an option needs its --name)", OptionHints.StrayMessage("Could not match 'extra' with an argument."));
        Assert.Null(OptionHints.StrayMessage("Unknown option 'rat'."));
    }

    [Fact]
    public void Other_messages_are_not_conversion_failures()
    {
        Assert.Null(OptionHints.ConversionMessage("Unknown option 'rat'.", ["run", "x", "--rat", "5/s"]));
    }

    [Fact]
    public void A_misspelled_option_gets_the_nearest_one_of_its_subcommand()
    {
        Assert.Equal(" (did you mean --rate?)", OptionHints.For("Unknown option 'rat'.", ["run", "x", "--rat", "5/s"]));
        Assert.Equal("", OptionHints.For("Unknown option 'zzzzzz'.", ["run", "x", "--zzzzzz"]));
    }
}
