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
        string layers = m.Layers.Count == 1 ? "" : $" of {Int(m.Layers.Count)} layers";
        string embedding = m.Input.Embedding == 0 ? "" : $" with an embedding of {Int(m.Input.Embedding)} in front";
        string cell = (m.Bidirectional ? "bidirectional " : "") + m.Top.Cell.Name();
        string from = $"compiled by RnnGen from <c>{Xml(m.Key)}{SpecWords.SpecExtension}</c>";
        if (ModelTensors.Textbook(m))
        {
            w.Doc($"<para>{Article(cell)} {cell}, {from}. For t = 1 … T, in the textbook's notation and, indented under each "
                + "equation, in PyTorch's (nn.RNN + nn.Linear, whose state_dict Load also reads):</para>");
        }
        else
        {
            string blocks = m.Top.Cell switch
            {
                CellKind.Elman => "W_ih is weight_ih, W_hh weight_hh",
                CellKind.Gru => "W_ir is the reset gate's block of weight_ih, and so on",
                CellKind.Lstm => "W_ii is the input gate's block of weight_ih, and so on",
                _ => throw Exhaustive.Unhandled(m.Top.Cell),
            };
            string symbols = m.Top.Cell switch
            {
                CellKind.Elman => "a<t> the state",
                CellKind.Gru => "c<t> = a<t> the state, [c<t-1>, x<t>] the two vectors stacked, ⊙ element-wise",
                CellKind.Lstm => "a<t> the state and c<t> the cell, [a<t-1>, x<t>] the two vectors stacked, ⊙ element-wise",
                _ => throw Exhaustive.Unhandled(m.Top.Cell),
            };
            w.Line($"/// <para>{Article(cell)} {cell}{layers}{embedding}, {from}.");
            w.Doc($"For t = 1 … T, in PyTorch's notation ({blocks}) and, indented under each equation, in the textbook's "
                + $"({Xml(symbols)}):</para>");
        }
        w.Line("/// <code>");
        foreach (string line in Equations(m)) w.Line("/// " + Xml(line));
        if (m.Bidirectional)
        {
            w.Line("/// Bidirectional: every layer also runs backward, t = T … 1, from the zero state, with the _reverse tensors;");
            w.Line("/// the layer above (and the head) reads [h→&lt;t&gt;; h←&lt;t&gt;], both directions' states side by side.");
        }
        w.Line("/// </code>");
        w.Line("/// <para>");
        w.Doc(Xml(Correspondence(m)));
        w.Line("/// </para>");
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
        string labels = m.Output.Labels.IsEmpty ? "" : ", labels " + string.Join(", ", m.Output.Labels.Take(MaxLabelsInDocs).Select(Xml))
            + (m.Output.Labels.Count > MaxLabelsInDocs ? $", … and {Grouped(m.Output.Labels.Count - MaxLabelsInDocs)} more" : "");
        w.Line("/// <item><term>ŷ (output)</term>");
        w.Doc($"<description>{Grouped(m.Output.Size)}, activation {Gy(m)}{labels}</description></item>");
        foreach (TensorSpec t in m.Tensors)
        {
            w.Line($"/// <item><term>{t.Name}</term><description>{ShapeNumbers(t)} ({ShapeConstants(t)})</description></item>");
        }
        w.Line("/// </list>");
        w.Line("/// <para>The weights are read from a safetensors file (see <see cref=\"Load(string)\"/>); the instance is");
        if (m.Bidirectional)
        {
            // No Step: the backward direction starts at the sequence's end.
            w.Line("/// immutable and safe to share between threads. It runs whole sequences with <c>Forward</c>, since every");
            w.Line("/// layer's backward direction starts at the sequence's end; it has no Step and no public state.</para>");
        }
        else
        {
            w.Line("/// immutable and safe to share between threads. The state is the caller's: a <see cref=\"Hidden\"/> value");
            w.Line("/// per sequence, updated in place by <see cref=\"Step\"/>, with no allocation per token.</para>");
        }
        w.Line("/// </remarks>");
    }

    /// <summary>"a" or "an", as the phrase is pronounced: a GRU, an LSTM, an Elman RNN, a bidirectional GRU.</summary>
    private static string Article(string phrase) =>
        phrase.StartsWith("Elman", System.StringComparison.Ordinal) || phrase.StartsWith("LSTM", System.StringComparison.Ordinal) ? "An" : "A";

    /// <summary>The column the equations' notes start at, in characters as they show (a combining tilde takes none).</summary>
    private const int NoteColumn = 66;

    /// <summary>An equation with a note in parentheses at <see cref="NoteColumn"/>.</summary>
    private static string Noted(string equation, string note)
    {
        int shown = equation.Count(c => c < '\u0300' || c > '\u036F');
        return equation + new string(' ', System.Math.Max(2, NoteColumn - shown)) + "(" + note + ")";
    }

    /// <summary>
    /// The model's equations, plain text (the caller escapes them): each in the notation the model's tensors are named in,
    /// followed by the same line in the other notation, indented: PyTorch's first and the textbook's under it, or for the
    /// textbook's own Elman model the other way round.
    /// </summary>
    private static string[] Equations(ModelSpec m)
    {
        const string T = "    ";
        string gy = Gy(m);
        string[] head =
        {
            Noted($"ŷ<t> = {gy}(W_y · h<t> + b_y)", "the last layer's h"),
            T + $"ŷ<t> = {gy}(Wya · a<t> + by)",
        };
        const string layers = "h<0> = 0; for each layer, on its input x<t> (the layer below's h<t> above layer 0):";
        return m.Top.Cell switch
        {
            CellKind.Elman when !ModelTensors.Textbook(m) => new[]
            {
                layers,
                $"h<t> = {Ga(m)}(W_ih · x<t> + b_ih + W_hh · h<t-1> + b_hh)",
                T + $"a<t> = {Ga(m)}(Waa · a<t-1> + Wax · x<t> + ba)",
            }.Concat(head).ToArray(),
            CellKind.Elman => new[]
            {
                "a<0> = 0",
                $"a<t> = {Ga(m)}(Waa · a<t-1> + Wax · x<t> + ba)",
                T + $"h<t> = {Ga(m)}(W_ih · x<t> + b_ih + W_hh · h<t-1> + b_hh)",
                $"ŷ<t> = {gy}(Wya · a<t> + by)",
                T + $"ŷ<t> = {gy}(W_y · h<t> + b_y)",
            },
            CellKind.Gru => new[]
            {
                layers,
                Noted("r = σ(W_ir · x<t> + b_ir + W_hr · h<t-1> + b_hr)", "reset gate"),
                Noted(T + "Γ_r = σ(W_r · [c<t-1>, x<t>] + b_r)", "relevance gate"),
                Noted("z = σ(W_iz · x<t> + b_iz + W_hz · h<t-1> + b_hz)", "update gate"),
                Noted(T + "Γ_u = σ(W_u · [c<t-1>, x<t>] + b_u)", "update gate: Γ_u = 1 − z"),
                Noted("n = tanh(W_in · x<t> + b_in + r ⊙ (W_hn · h<t-1> + b_hn))", "new gate"),
                Noted(T + "c̃<t> = tanh(W_c · [Γ_r ⊙ c<t-1>, x<t>] + b_c)", "candidate: not n, see below"),
                "h<t> = (1 − z) ⊙ n + z ⊙ h<t-1>",
                T + "c<t> = Γ_u ⊙ c̃<t> + (1 − Γ_u) ⊙ c<t-1>,   a<t> = c<t>",
            }.Concat(head).ToArray(),
            CellKind.Lstm => new[]
            {
                "h<0> = c<0> = 0; for each layer, on its input x<t> (the layer below's h<t> above layer 0):",
                Noted("i = σ(W_ii · x<t> + b_ii + W_hi · h<t-1> + b_hi)", "input gate"),
                Noted(T + "Γ_u = σ(W_u · [a<t-1>, x<t>] + b_u)", "update gate: Γ_u = i"),
                Noted("f = σ(W_if · x<t> + b_if + W_hf · h<t-1> + b_hf)", "forget gate"),
                Noted(T + "Γ_f = σ(W_f · [a<t-1>, x<t>] + b_f)", "forget gate: Γ_f = f"),
                Noted("g = tanh(W_ig · x<t> + b_ig + W_hg · h<t-1> + b_hg)", "cell candidate"),
                Noted(T + "c̃<t> = tanh(W_c · [a<t-1>, x<t>] + b_c)", "candidate: c̃<t> = g"),
                Noted("o = σ(W_io · x<t> + b_io + W_ho · h<t-1> + b_ho)", "output gate"),
                Noted(T + "Γ_o = σ(W_o · [a<t-1>, x<t>] + b_o)", "output gate: Γ_o = o"),
                "c<t> = f ⊙ c<t-1> + i ⊙ g,   h<t> = o ⊙ tanh(c<t>)",
                T + "c<t> = Γ_u ⊙ c̃<t> + Γ_f ⊙ c<t-1>,   a<t> = Γ_o ⊙ tanh(c<t>)",
            }.Concat(head).ToArray(),
            _ => throw Exhaustive.Unhandled(m.Top.Cell),
        };
    }

    /// <summary>How the two notations of <see cref="Equations"/> correspond, plain text: which weights are which, and where the cells differ.</summary>
    private static string Correspondence(ModelSpec m)
    {
        static string F(string formula) => SourceWriter.Unbroken(formula);
        string headMap = $"The head: {F("Wya = W_y")}, {F("by = b_y")}.";
        string sigmoid = m.Top.Cell == CellKind.Elman && m.Top.Activation == Activation.Sigmoid
            ? " nn.RNN itself offers only tanh and relu: with sigmoid, the names are PyTorch's but no nn.RNN computes this cell."
            : "";
        switch (m.Top.Cell)
        {
            case CellKind.Elman when ModelTensors.Textbook(m):
            {
                EquatableArray<TensorSpec> torch = PyTorchTensors(m);
                string N(TensorRole role) => torch.Get(role).Name;
                return $"{F("Waa = W_hh")} ({N(TensorRole.RecurrentWeights)}), {F("Wax = W_ih")} ({N(TensorRole.InputWeights)}), "
                    + $"{F("ba = b_ih + b_hh")} ({N(TensorRole.InputBias)} + {N(TensorRole.RecurrentBias)}, summed at load time), "
                    + $"{F("Wya = W_y")} ({N(TensorRole.OutputWeights)}) and {F("by = b_y")} ({N(TensorRole.OutputBias)}): "
                    + $"the two lines of each pair compute the same numbers, and {F("a<t> = h<t>")}." + sigmoid;
            }
            case CellKind.Elman:
                return $"{F("Waa = W_hh")}, {F("Wax = W_ih")} and {F("ba = b_ih + b_hh")} (PyTorch keeps the two biases apart; "
                    + $"the sum is the same): the two lines of each pair compute the same numbers, and {F("a<t> = h<t>")}. "
                    + headMap + sigmoid;
            case CellKind.Gru:
                return $"The state is one vector, {F("a<t> = c<t> = h<t>")}, and a gate's {F("W · [c<t-1>, x<t>] + b")} is PyTorch's "
                    + $"two products and two biases: {F("W_r = [W_hr | W_ir]")} and {F("b_r = b_ir + b_hr")}, so {F("Γ_r = r")}. "
                    + $"The update gates have opposite senses: PyTorch's z keeps the old state ({F("h<t> = (1 − z) ⊙ n + z ⊙ h<t-1>")}), "
                    + $"the textbook's Γ_u takes the candidate ({F("c<t> = Γ_u ⊙ c̃<t> + (1 − Γ_u) ⊙ c<t-1>")}), so {F("Γ_u = 1 − z")}: "
                    + $"{F("W_u = −[W_hz | W_iz]")}, {F("b_u = −(b_iz + b_hz)")}. The candidates differ: the textbook's Γ_r multiplies "
                    + $"c<t-1> before the product with W_c, PyTorch's r multiplies the product {F("W_hn · h<t-1> + b_hn")} after it, "
                    + $"bias included; with {F("W_c = [W_hn | W_in]")} and {F("b_c = b_in")} the two agree only when W_hn is diagonal "
                    + $"and {F("b_hn = 0")}. This model computes PyTorch's n. " + headMap;
            case CellKind.Lstm:
                return $"The two lines of each pair compute the same numbers: {F("a<t> = h<t>")}, and a gate's "
                    + $"{F("W · [a<t-1>, x<t>] + b")} is PyTorch's two products and two biases ({F("W_u = [W_hi | W_ii]")}, "
                    + $"{F("b_u = b_ii + b_hi")}; W_f, W_c and W_o likewise from the f, g and o blocks). PyTorch's input gate i is "
                    + "the textbook's update gate Γ_u, its cell candidate g is c̃<t>; PyTorch stacks the gates' rows in the order "
                    + "i, f, g, o. " + headMap;
            default:
                throw Exhaustive.Unhandled(m.Top.Cell);
        }
    }
}
