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
        w.Line($"/// <para>An {m.Top.Cell.Name()} compiled by RnnGen from <c>{Xml(m.Key)}{SpecWords.SpecExtension}</c>. For t = 1 … T:</para>");
        w.Line("/// <code>");
        foreach (string line in Equations(m)) w.Line("/// " + line);
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
        CellKind.Elman => new[]
        {
            "a&lt;0&gt; = 0",
            $"a&lt;t&gt; = {Ga(m)}(Waa · a&lt;t-1&gt; + Wax · x&lt;t&gt; + ba)",
            $"ŷ&lt;t&gt; = {Gy(m)}(Wya · a&lt;t&gt; + by)",
        },
        _ => throw Exhaustive.Unhandled(m.Top.Cell),
    };
}
