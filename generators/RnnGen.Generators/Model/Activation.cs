namespace RnnGen.Generators.Model;

/// <summary>An activation function, g_a for the hidden state or g_y for the output.</summary>
internal enum Activation
{
    Tanh,
    Relu,
    Sigmoid,
    Softmax,
    Linear,
}

/// <summary>How x&lt;t&gt; enters the network.</summary>
internal enum InputEncoding
{
    /// <summary>x&lt;t&gt; is one-hot over a vocabulary: the caller passes a token index.</summary>
    OneHot,

    /// <summary>x&lt;t&gt; is a dense vector of InputSize values.</summary>
    Dense,
}

/// <summary>How text is cut into tokens for a one-hot model.</summary>
internal enum TokenizerKind
{
    Words,
    Characters,
    Text,
}

/// <summary>How a model's outputs follow its inputs (the spec's <c>shape</c>).</summary>
internal enum SequenceShape
{
    /// <summary>One output per input.</summary>
    ManyToMany,

    /// <summary>One output after the last input: a sequence classifier.</summary>
    ManyToOne,

    /// <summary>A generator: a softmax over its own vocabulary, each sampled token fed back as the next input.</summary>
    OneToMany,
}

/// <summary>
/// The spec's spelling of each enum value, through <see cref="SpecWords"/> (the one definition).
/// Every switch is exhaustive: an unhandled value throws (RNN0099) instead of falling back to a default.
/// </summary>
internal static class SpecNames
{
    public static string Name(this Activation activation) => activation switch
    {
        Activation.Tanh => SpecWords.Tanh,
        Activation.Relu => SpecWords.Relu,
        Activation.Sigmoid => SpecWords.Sigmoid,
        Activation.Softmax => SpecWords.Softmax,
        Activation.Linear => SpecWords.Linear,
        _ => throw Exhaustive.Unhandled(activation),
    };

    /// <summary>The activation a spec word names; the reader calls it only with words it has checked.</summary>
    public static Activation ParseActivation(string name) => name switch
    {
        SpecWords.Tanh => Activation.Tanh,
        SpecWords.Relu => Activation.Relu,
        SpecWords.Sigmoid => Activation.Sigmoid,
        SpecWords.Softmax => Activation.Softmax,
        SpecWords.Linear => Activation.Linear,
        _ => throw Exhaustive.Unhandled(name),
    };

    public static string Name(this InputEncoding encoding) => encoding switch
    {
        InputEncoding.OneHot => SpecWords.OneHot,
        InputEncoding.Dense => SpecWords.Dense,
        _ => throw Exhaustive.Unhandled(encoding),
    };

    public static InputEncoding ParseEncoding(string name) => name switch
    {
        SpecWords.OneHot => InputEncoding.OneHot,
        SpecWords.Dense => InputEncoding.Dense,
        _ => throw Exhaustive.Unhandled(name),
    };

    public static string Name(this TokenizerKind tokenizer) => tokenizer switch
    {
        TokenizerKind.Words => SpecWords.Words,
        TokenizerKind.Characters => SpecWords.Characters,
        TokenizerKind.Text => SpecWords.Text,
        _ => throw Exhaustive.Unhandled(tokenizer),
    };

    public static string Name(this SequenceShape shape) => shape switch
    {
        SequenceShape.ManyToMany => SpecWords.ManyToMany,
        SequenceShape.ManyToOne => SpecWords.ManyToOne,
        SequenceShape.OneToMany => SpecWords.OneToMany,
        _ => throw Exhaustive.Unhandled(shape),
    };

    public static SequenceShape ParseShape(string name) => name switch
    {
        SpecWords.ManyToMany => SequenceShape.ManyToMany,
        SpecWords.ManyToOne => SequenceShape.ManyToOne,
        SpecWords.OneToMany => SequenceShape.OneToMany,
        _ => throw Exhaustive.Unhandled(name),
    };

    public static TokenizerKind ParseTokenizer(string name) => name switch
    {
        SpecWords.Words => TokenizerKind.Words,
        SpecWords.Characters => TokenizerKind.Characters,
        SpecWords.Text => TokenizerKind.Text,
        _ => throw Exhaustive.Unhandled(name),
    };

    /// <summary>The cell's name in prose ("Elman RNN", "GRU", "LSTM").</summary>
    public static string Name(this CellKind cell) => cell switch
    {
        CellKind.Elman => "Elman RNN",
        CellKind.Gru => "GRU",
        CellKind.Lstm => "LSTM",
        _ => throw Exhaustive.Unhandled(cell),
    };

    /// <summary>The cell's spec word.</summary>
    public static string Word(this CellKind cell) => cell switch
    {
        CellKind.Elman => SpecWords.Rnn,
        CellKind.Gru => SpecWords.Gru,
        CellKind.Lstm => SpecWords.Lstm,
        _ => throw Exhaustive.Unhandled(cell),
    };

    public static CellKind ParseCell(string name) => name switch
    {
        SpecWords.Rnn => CellKind.Elman,
        SpecWords.Gru => CellKind.Gru,
        SpecWords.Lstm => CellKind.Lstm,
        _ => throw Exhaustive.Unhandled(name),
    };
}
