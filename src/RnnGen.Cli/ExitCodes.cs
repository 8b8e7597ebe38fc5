namespace RnnGen.Cli;

/// <summary>The process exit codes rnngen uses (docs/cli.md lists them).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked (for <c>check</c>: the spec has no errors).</summary>
    public const int Success = 0;

    /// <summary>Bad input or files: a spec with errors, malformed weights, an unreadable file, a bad input line.</summary>
    public const int BadInput = 1;

    /// <summary>Bad usage: an unknown command, option or model, a missing or malformed argument.</summary>
    public const int Usage = 2;

    /// <summary>A bug in rnngen itself: an exception nobody expected.</summary>
    public const int InternalError = 3;

    /// <summary><c>rnngen train</c> was stopped by Ctrl+C (128 + SIGINT, as shells report it); nothing was written.</summary>
    public const int Cancelled = 130;
}
