namespace RnnGen.Cli;

/// <summary>How <c>rnngen run</c> reads a line for a one-hot model.</summary>
internal enum InputFormat
{
    /// <summary>A line whose every field is an integer is ids; any other line is text.</summary>
    Auto,

    /// <summary>Whitespace-separated integer token ids.</summary>
    Ids,

    /// <summary>Text, tokenized the model's way and encoded with its vocabulary.</summary>
    Text,
}
