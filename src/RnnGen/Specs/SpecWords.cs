using System;
using System.Collections.Generic;

// One source file, compiled twice: public in the run-time library (namespace RnnGen), internal in the
// generator (namespace RnnGen.Generators.Model), which cannot reference the library. Every place that
// spells a word of the spec format (the generator's reader, binder and emitter, the run-time library,
// the CLI and the schema tests) uses these constants, so a spelling has exactly one definition.
#if RNNGEN_GENERATOR
namespace RnnGen.Generators.Model;
#else
namespace RnnGen;
#endif

/// <summary>
/// The words of the spec format (<c>models/*.rnn.json</c>) and the layout rule generated code shares
/// with the run-time library, each defined once.
/// </summary>
#if RNNGEN_GENERATOR
internal
#else
public
#endif
static class SpecWords
{
    /// <summary>How a spec file's name ends; the model's key is the name without it.</summary>
    public const string SpecExtension = ".rnn.json";

    /// <summary>The vocabulary token every word outside the vocabulary maps to.</summary>
    public const string Unknown = "<UNK>";

    /// <summary>Activation <c>tanh</c>.</summary>
    public const string Tanh = "tanh";

    /// <summary>Activation <c>relu</c>: max(0, x).</summary>
    public const string Relu = "relu";

    /// <summary>Activation <c>sigmoid</c>: 1 / (1 + e^-x).</summary>
    public const string Sigmoid = "sigmoid";

    /// <summary>Activation <c>softmax</c> (outputs only): e^x normalised to sum 1.</summary>
    public const string Softmax = "softmax";

    /// <summary>Activation <c>linear</c> (outputs only): the identity.</summary>
    public const string Linear = "linear";

    /// <summary>Input encoding <c>one-hot</c>: x&lt;t&gt; is a token index.</summary>
    public const string OneHot = "one-hot";

    /// <summary>Input encoding <c>dense</c>: x&lt;t&gt; is a vector.</summary>
    public const string Dense = "dense";

    /// <summary>Tokenizer <c>words</c>.</summary>
    public const string Words = "words";

    /// <summary>Tokenizer <c>characters</c>.</summary>
    public const string Characters = "characters";

    /// <summary>Tokenizer <c>text</c>: every character as written, case, spaces and line breaks included.</summary>
    public const string Text = "text";

    /// <summary>
    /// The token that a generator's training wraps every sequence in and its generation starts and stops at, when
    /// its vocabulary has it.
    /// </summary>
    public const string EndOfSequence = "<EOS>";

    /// <summary>Shape <c>many-to-many</c> (the default): one output per input, ŷ&lt;t&gt; after x&lt;t&gt;.</summary>
    public const string ManyToMany = "many-to-many";

    /// <summary>Shape <c>many-to-one</c>: a sequence classifier, one output after the last input.</summary>
    public const string ManyToOne = "many-to-one";

    /// <summary>Shape <c>one-to-many</c>: a generator, each sampled output fed back as the next input.</summary>
    public const string OneToMany = "one-to-many";

    /// <summary>Cell <c>rnn</c>: the textbook's Elman cell, a&lt;t&gt; = g_a(Waa · a&lt;t-1&gt; + Wax · x&lt;t&gt; + ba) (PyTorch's <c>nn.RNN</c>).</summary>
    public const string Rnn = "rnn";

    /// <summary>Cell <c>gru</c>: PyTorch's <c>nn.GRU</c>.</summary>
    public const string Gru = "gru";

    /// <summary>Cell <c>lstm</c>: PyTorch's <c>nn.LSTM</c>.</summary>
    public const string Lstm = "lstm";

    /// <summary>
    /// Module <c>embedding</c>, a key of the spec's <c>modules</c>: the <c>nn.Embedding</c>, and the default prefix of
    /// its tensor (<c>embedding.weight</c>).
    /// </summary>
    public const string EmbeddingModule = "embedding";

    /// <summary>
    /// Module <c>rnn</c>: the recurrent layers (<c>nn.RNN</c>, <c>nn.GRU</c> or <c>nn.LSTM</c>), and the default prefix
    /// of their tensors (<c>rnn.weight_ih_l0</c>).
    /// </summary>
    public const string RecurrentModule = "rnn";

    /// <summary>Module <c>head</c>: the output <c>nn.Linear</c>, and the default prefix of its tensors (<c>head.weight</c>).</summary>
    public const string HeadModule = "head";

    /// <summary>The modules a spec's <c>modules</c> may name, in the order a state_dict lists them.</summary>
    public static IReadOnlyList<string> Modules { get; } = Array.AsReadOnly(new[] { EmbeddingModule, RecurrentModule, HeadModule });

    /// <summary>The recurrent cells.</summary>
    public static IReadOnlyList<string> Cells { get; } = Array.AsReadOnly(new[] { Rnn, Gru, Lstm });

    /// <summary>The activations the hidden state (g_a) may use, in the order messages list them.</summary>
    public static IReadOnlyList<string> HiddenActivations { get; } = Array.AsReadOnly(new[] { Tanh, Relu, Sigmoid });

    /// <summary>The activations the output (g_y) may use, in the order messages list them.</summary>
    public static IReadOnlyList<string> OutputActivations { get; } = Array.AsReadOnly(new[] { Sigmoid, Softmax, Tanh, Linear });

    /// <summary>The input encodings.</summary>
    public static IReadOnlyList<string> Encodings { get; } = Array.AsReadOnly(new[] { OneHot, Dense });

    /// <summary>The tokenizers of one-hot models.</summary>
    public static IReadOnlyList<string> Tokenizers { get; } = Array.AsReadOnly(new[] { Words, Characters, Text });

    /// <summary>The sequence shapes a spec's <c>shape</c> may name.</summary>
    public static IReadOnlyList<string> Shapes { get; } = Array.AsReadOnly(new[] { ManyToMany, ManyToOne, OneToMany });

    /// <summary>
    /// Generated models store every vector of a (and y) padded to a multiple of this many floats, the
    /// widest SIMD vector (512 bits), so that no step has a scalar tail. The padding is always zero.
    /// </summary>
    public const int Padding = 16;

    /// <summary><paramref name="size"/> rounded up to a multiple of <see cref="Padding"/>.</summary>
    public static int Pad(int size) => (size + Padding - 1) / Padding * Padding;
}
