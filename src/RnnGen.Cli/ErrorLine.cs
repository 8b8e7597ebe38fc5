using System;

namespace RnnGen.Cli;

/// <summary>The single line rnngen writes to stderr when it fails.</summary>
internal static class ErrorLine
{
    public const string Prefix = "rnngen: error: ";

    /// <summary><c>rnngen: error: message</c>, with any line breaks in the message folded into spaces.</summary>
    public static string Format(string message) =>
        Prefix + string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
