namespace RnnGen.Cli;

/// <summary>Why a command failed: the one-line message for stderr and the exit code to return.</summary>
/// <param name="ExitCode"><see cref="ExitCodes.BadInput"/> or <see cref="ExitCodes.Usage"/>.</param>
/// <param name="Message">What is wrong, without the <c>rnngen: error:</c> prefix.</param>
/// <param name="Details">Lines written to stderr before the message, as they are (a spec's diagnostics), or null.</param>
internal sealed record Failure(int ExitCode, string Message, System.Collections.Generic.IReadOnlyList<string>? Details = null)
{
    public static Failure Usage(string message) => new(ExitCodes.Usage, message);

    public static Failure BadInput(string message) => new(ExitCodes.BadInput, message);
}
