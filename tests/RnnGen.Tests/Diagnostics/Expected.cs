namespace RnnGen.Tests.Diagnostics;

/// <summary>
/// One diagnostic a test expects: its id, the file it points into (a file name as given to the
/// harness, e.g. "tagger.rnn.json"), its 1-based start and end (end exclusive, as editors show a
/// span) and its full message.
/// </summary>
internal sealed record Expected(string Id, string File, int Line, int Column, int EndLine, int EndColumn, string Message)
{
    /// <summary>A diagnostic whose span lies on one line.</summary>
    public static Expected At(string id, string file, int line, int column, int endColumn, string message) =>
        new(id, file, line, column, line, endColumn, message);
}
