using System.Linq;
using RnnGen.Generators.Model;
using static RnnGen.Generators.Emit.Literals;

namespace RnnGen.Generators.Emit;

/// <summary>The class's XML docs: what the model computes, its sizes and its tensors.</summary>
internal static partial class ModelEmitter
{
    private static void ClassDocs(SourceWriter w, ModelSpec m)
    {
        string summary = m.Description.Length > 0 ? Xml(m.Description) : $"The recurrent network of the spec {Xml(m.Key)}{SpecWords.SpecExtension}.";
        w.Line("/// <summary>");
        w.Doc(summary);
        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        string layers = (m.Bidirectional ? ", bidirectional," : "") + (m.Layers.Count == 1 ? "" : $" of {Int(m.Layers.Count)} layers");
        string embedding = m.Input.Embedding == 0 ? "" : $", with an embedding of {Int(m.Input.Embedding)} in front";
        if (ModelTensors.Textbook(m))
        {
            w.Line($"/// <para>An {m.Top.Cell.Name()} compiled by RnnGen from <c>{Xml(m.Key)}{SpecWords.SpecExtension}</c>. For t = 1 … T:</para>");
        }
        else
        {
            w.Line($"/// <para>An {m.Top.Cell.Name()}{layers}{embedding} compiled by RnnGen from <c>{Xml(m.Key)}{SpecWords.SpecExtension}</c>.");
            w.Line("/// For t = 1 … T, in PyTorch's notation (W_ir is the reset gate's block of weight_ih, and so on):</para>");
        }
        w.Line("/// <code>");
        foreach (string line in Equations(m)) w.Line("/// " + line);
        if (m.Bidirectional)
        {
            w.Line("/// Bidirectional: every layer also runs backward, t = T … 1, from the zero state, with the _reverse tensors;");
            w.Line("/// the layer above (and the head) reads [h→&lt;t&gt;; h←&lt;t&gt;], both directions' states side by side.");
        }
        w.Line("/// </code>");
        w.Line("/// <list type=\"table\">");
        w.Line("/// <listheader><term>symbol</term><description>size</description></listheader>");
        w.Line($"/// <item><term>a (hidden state)</term><description>{Grouped(m.Top.Size)}, activation {Ga(m)}</description></item>");
        string x = m.Input.Encoding switch
        {
            InputEncoding.OneHot when m.Input.HasVocabulary =>
                $"{Grouped(m.Input.Size)}, one-hot over the vocabulary {Xml(m.Input.VocabularyFile)} " +
                $"(unknown words map to &lt;UNK&gt; = {Int(m.Input.UnknownIndex)}), text split into {m.Input.Tokenizer.Name()}",
            InputEncoding.OneHot => $"{Grouped(m.Input.Size)}, one-hot: each x&lt;t&gt; is a token index",
            InputEncoding.Dense => $"{Grouped(m.Input.Size)}, dense",
            _ => throw Exhaustive.Unhandled(m.Input.Encoding),
        };
        w.Line("/// <item><term>x (input)</term>");
        w.Doc($"<description>{x}</description></item>");
        string labels = m.Output.Labels.IsEmpty ? "" : ", labels " + string.Join(", ", m.Output.Labels.Select(Xml));
        w.Line("/// <item><term>ŷ (output)</term>");
        w.Doc($"<description>{Grouped(m.Output.Size)}, activation {Gy(m)}{labels}</description></item>");
        foreach (TensorSpec t in m.Tensors)
        {
            w.Line($"/// <item><term>{t.Name}</term><description>{ShapeNumbers(t)} ({ShapeConstants(t)})</description></item>");
        }
        w.Line("/// </list>");
        w.Line("/// <para>The weights are read from a safetensors file (see <see cref=\"Load(string)\"/>); the instance is");
        w.Line("/// immutable and safe to share between threads. The state is the caller's: a <see cref=\"Hidden\"/> value");
        w.Line("/// per sequence, updated in place by <see cref=\"Step\"/>, with no allocation per token.</para>");
        w.Line("/// </remarks>");
    }

    /// <summary>The model's equations in the textbook's notation (XML-escaped).</summary>
    private static string[] Equations(ModelSpec m) => m.Top.Cell switch
    {
        CellKind.Elman when !ModelTensors.Textbook(m) => new[]
        {
            "h&lt;0&gt; = 0; for each layer, on its input x&lt;t&gt; (the layer below's h&lt;t&gt; above layer 0):",
            $"h&lt;t&gt; = {Ga(m)}(W_ih · x&lt;t&gt; + b_ih + W_hh · h&lt;t-1&gt; + b_hh)",
            $"ŷ&lt;t&gt; = {Gy(m)}(W_y · h&lt;t&gt; + b_y)                             (the last layer's h)",
        },
        CellKind.Elman => new[]
        {
            "a&lt;0&gt; = 0",
            $"a&lt;t&gt; = {Ga(m)}(Waa · a&lt;t-1&gt; + Wax · x&lt;t&gt; + ba)",
            $"ŷ&lt;t&gt; = {Gy(m)}(Wya · a&lt;t&gt; + by)",
        },
        CellKind.Gru => new[]
        {
            "h&lt;0&gt; = 0; for each layer, on its input x&lt;t&gt; (the layer below's h&lt;t&gt; above layer 0):",
            "r = σ(W_ir · x&lt;t&gt; + b_ir + W_hr · h&lt;t-1&gt; + b_hr)                  (reset gate)",
            "z = σ(W_iz · x&lt;t&gt; + b_iz + W_hz · h&lt;t-1&gt; + b_hz)                  (update gate)",
            "n = tanh(W_in · x&lt;t&gt; + b_in + r ⊙ (W_hn · h&lt;t-1&gt; + b_hn))        (new gate)",
            "h&lt;t&gt; = (1 − z) ⊙ n + z ⊙ h&lt;t-1&gt;",
            $"ŷ&lt;t&gt; = {Gy(m)}(W_y · h&lt;t&gt; + b_y)                             (the last layer's h)",
        },
        CellKind.Lstm => new[]
        {
            "h&lt;0&gt; = c&lt;0&gt; = 0; for each layer, on its input x&lt;t&gt; (the layer below's h&lt;t&gt; above layer 0):",
            "i = σ(W_ii · x&lt;t&gt; + b_ii + W_hi · h&lt;t-1&gt; + b_hi)                  (input gate)",
            "f = σ(W_if · x&lt;t&gt; + b_if + W_hf · h&lt;t-1&gt; + b_hf)                  (forget gate)",
            "g = tanh(W_ig · x&lt;t&gt; + b_ig + W_hg · h&lt;t-1&gt; + b_hg)               (cell candidate)",
            "o = σ(W_io · x&lt;t&gt; + b_io + W_ho · h&lt;t-1&gt; + b_ho)                  (output gate)",
            "c&lt;t&gt; = f ⊙ c&lt;t-1&gt; + i ⊙ g,   h&lt;t&gt; = o ⊙ tanh(c&lt;t&gt;)",
            $"ŷ&lt;t&gt; = {Gy(m)}(W_y · h&lt;t&gt; + b_y)                             (the last layer's h)",
        },
        _ => throw Exhaustive.Unhandled(m.Top.Cell),
    };
}
