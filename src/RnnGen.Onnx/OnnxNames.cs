namespace RnnGen.Onnx;

/// <summary>
/// The names an exported graph is called by: its inputs and outputs, the operator set and IR version it is written
/// for, and the keys of the metadata it carries. Each is defined here once; the exporter, the CLI, the tests and the
/// benchmarks read them from here.
/// </summary>
public static class OnnxNames
{
    /// <summary>The ONNX operator set the graph uses (the default domain): 17, the newest ONNX 1.12.0 knows.</summary>
    public const int Opset = 17;

    /// <summary>The ONNX IR version of the file: 8, the one that goes with operator set 17.</summary>
    public const long IrVersion = 8;

    /// <summary>Input of a one-hot model: token ids, int64 [sequence, batch] (time-major, as ONNX's RNN operators read).</summary>
    public const string Tokens = "tokens";

    /// <summary>Input of a dense model: x&lt;1&gt; … x&lt;T&gt;, float [sequence, batch, InputSize].</summary>
    public const string Inputs = "x";

    /// <summary>Input: the hidden state each layer starts from, float [layers × directions, batch, HiddenSize] (PyTorch's h_0).</summary>
    public const string InitialHidden = "h0";

    /// <summary>Input of an LSTM: the cell state each layer starts from, float [layers × directions, batch, HiddenSize] (PyTorch's c_0).</summary>
    public const string InitialCell = "c0";

    /// <summary>Output: ŷ&lt;1&gt; … ŷ&lt;T&gt;, float [sequence, batch, OutputSize]; a classifier's (many-to-one) ŷ&lt;T&gt;, [batch, OutputSize].</summary>
    public const string Outputs = "y";

    /// <summary>Output: every layer's last hidden state, float [layers × directions, batch, HiddenSize] (PyTorch's h_n).</summary>
    public const string FinalHidden = "hn";

    /// <summary>Output of an LSTM: every layer's last cell state, float [layers × directions, batch, HiddenSize] (PyTorch's c_n).</summary>
    public const string FinalCell = "cn";

    /// <summary>The symbolic size of the sequence axis.</summary>
    public const string SequenceAxis = "sequence";

    /// <summary>The symbolic size of the batch axis.</summary>
    public const string BatchAxis = "batch";

    /// <summary>Metadata: the vocabulary, a JSON array of strings (index = token id), for a one-hot model that has one.</summary>
    public const string VocabularyKey = "rnngen.vocabulary";

    /// <summary>Metadata: the output labels, a JSON array of strings (empty when the spec names none).</summary>
    public const string LabelsKey = "rnngen.labels";

    /// <summary>Metadata: the token every word outside the vocabulary maps to (<c>&lt;UNK&gt;</c>).</summary>
    public const string UnknownKey = "rnngen.unknown";

    /// <summary>Metadata: how text becomes tokens (<c>words</c> or <c>characters</c>), for a one-hot model.</summary>
    public const string TokenizerKey = "rnngen.tokenizer";

    /// <summary>Metadata: the model's key (<c>name-tagger</c>).</summary>
    public const string ModelKey = "rnngen.model";

    /// <summary>Metadata: the cell, layers, direction, shape, sizes and activations, for a reader (<c>rnn, 1 layer, forward, many-to-many, hidden 100 tanh, …</c>).</summary>
    public const string NetworkKey = "rnngen.network";
}
