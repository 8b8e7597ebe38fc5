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
}

/// <summary>The spelling of each option in a spec, in one place for the parser, the emitter and the docs.</summary>
internal static class SpecNames
{
    public static readonly string[] HiddenActivations = { "tanh", "relu", "sigmoid" };
    public static readonly string[] OutputActivations = { "sigmoid", "softmax", "tanh", "linear" };
    public static readonly string[] Encodings = { "one-hot", "dense" };
    public static readonly string[] Tokenizers = { "words", "characters" };

    public static string Name(this Activation activation) => activation switch
    {
        Activation.Tanh => "tanh",
        Activation.Relu => "relu",
        Activation.Sigmoid => "sigmoid",
        Activation.Softmax => "softmax",
        _ => "linear",
    };

    public static Activation ParseActivation(string name) => name switch
    {
        "tanh" => Activation.Tanh,
        "relu" => Activation.Relu,
        "sigmoid" => Activation.Sigmoid,
        "softmax" => Activation.Softmax,
        _ => Activation.Linear,
    };

    public static string Name(this InputEncoding encoding) => encoding == InputEncoding.OneHot ? "one-hot" : "dense";

    public static string Name(this TokenizerKind tokenizer) => tokenizer == TokenizerKind.Words ? "words" : "characters";
}
