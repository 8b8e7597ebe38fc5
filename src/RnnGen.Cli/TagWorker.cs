using System;

namespace RnnGen.Cli;

/// <summary>
/// What <c>rnngen tag</c> does with a line: tokenize it the model's way, look each token up in the vocabulary, run
/// <c>Forward</c> once from a&lt;0&gt; = 0 and write the line's table, a row per token: the token, a column
/// <c>→ &lt;UNK&gt;</c> when some token of the line is not in the vocabulary, the outputs (F4, right-aligned) and
/// what they mean (<see cref="OutputMarks"/>); columns two spaces apart, each as wide as its widest cell, no trailing
/// white space. The tokens, ids, outputs and digits live in buffers this worker reuses, so a line allocates nothing
/// once the buffers have grown to the longest line.
/// </summary>
internal sealed class TagWorker : ILineWorker
{
    /// <summary>The cell of a token the vocabulary does not hold.</summary>
    public const string UnknownCell = "→ " + Vocabulary.Unknown;

    private readonly IOneHotRnnModel model;
    private readonly RnnModelInfo info;
    private readonly Vocabulary vocabulary;
    private readonly string[] labels;
    private readonly bool blankLineAfter;
    private readonly int[] widths;
    private char[] tokenText = new char[4096];
    private int[] tokenEnds = new int[512];
    private int[] ids = new int[512];
    private bool[] unknown = new bool[512];
    private float[] outputs = new float[512];
    private char[] digits = new char[512 * Numbers.Fixed4Length];
    private int[] digitLengths = new int[512];

    /// <param name="model">A one-hot model with a vocabulary.</param>
    /// <param name="vocabulary">Its vocabulary.</param>
    /// <param name="blankLineAfter">Whether each line's table ends with an empty line (input of many lines), or not (one text).</param>
    public TagWorker(IOneHotRnnModel model, Vocabulary vocabulary, bool blankLineAfter)
    {
        this.model = model;
        this.vocabulary = vocabulary;
        this.blankLineAfter = blankLineAfter;
        info = model.Info;
        labels = OutputMarks.Labels(info);
        widths = new int[info.OutputSize];
    }

    public Failure? Write(ReadOnlySpan<char> line, long lineNumber, CharBuffer output)
    {
        int count = Tokenize(line);
        if (count > 0) WriteTable(count, output);
        if (blankLineAfter) output.Append(Environment.NewLine);
        return null;
    }

    /// <summary>Whether <paramref name="text"/> holds a token for <paramref name="tokenizer"/>.</summary>
    public static bool HasTokens(ReadOnlySpan<char> text, string tokenizer) => Tokenizer.EnumerateTokens(text, tokenizer).MoveNext();

    private int Tokenize(ReadOnlySpan<char> line)
    {
        int count = 0, used = 0;
        TokenEnumerator tokens = Tokenizer.EnumerateTokens(line, info.Tokenizer);
        while (tokens.MoveNext())
        {
            int room = line[tokens.Current].Length + 2;
            if (tokenText.Length - used < room) Array.Resize(ref tokenText, Math.Max(tokenText.Length * 2, used + room));
            if (count == tokenEnds.Length) Array.Resize(ref tokenEnds, count * 2);
            used += tokens.CopyCurrent(tokenText.AsSpan(used));
            tokenEnds[count++] = used;
        }
        return count;
    }

    private ReadOnlySpan<char> Token(int t) => tokenText.AsSpan(t == 0 ? 0 : tokenEnds[t - 1], tokenEnds[t] - (t == 0 ? 0 : tokenEnds[t - 1]));

    private void WriteTable(int count, CharBuffer output)
    {
        int y = info.OutputSize;
        Ensure(count, y);
        bool anyUnknown = false;
        int tokenWidth = 0;
        for (int t = 0; t < count; t++)
        {
            ReadOnlySpan<char> token = Token(t);
            unknown[t] = !vocabulary.TryIndexOf(token, out ids[t]);
            anyUnknown |= unknown[t];
            tokenWidth = Math.Max(tokenWidth, token.Length);
        }
        Span<float> values = outputs.AsSpan(0, count * y);
        model.Forward(ids.AsSpan(0, count), values);

        widths.AsSpan().Clear();
        for (int i = 0; i < values.Length; i++)
        {
            digitLengths[i] = Numbers.Fixed4(values[i], digits.AsSpan(i * Numbers.Fixed4Length, Numbers.Fixed4Length));
            widths[i % y] = Math.Max(widths[i % y], digitLengths[i]);
        }

        for (int t = 0; t < count; t++)
        {
            int rowStart = output.Length;
            ReadOnlySpan<char> token = Token(t);
            output.Append(token);
            output.Append(' ', tokenWidth - token.Length);
            if (anyUnknown)
            {
                output.Append("  ");
                output.Append(unknown[t] ? UnknownCell : "");
                output.Append(' ', unknown[t] ? 0 : UnknownCell.Length);
            }
            for (int k = 0; k < y; k++)
            {
                int i = t * y + k;
                output.Append("  ");
                output.Append(' ', widths[k] - digitLengths[i]);
                output.Append(digits.AsSpan(i * Numbers.Fixed4Length, digitLengths[i]));
            }
            output.Append("  ");
            OutputMarks.Append(info, labels, values.Slice(t * y, y), output);
            output.TrimEnd(rowStart);
            output.Append(Environment.NewLine);
        }
    }

    private void Ensure(int count, int y)
    {
        if (ids.Length < count)
        {
            int size = Math.Max(count, ids.Length * 2);
            ids = new int[size];
            unknown = new bool[size];
        }
        if (outputs.Length < count * y)
        {
            int size = Math.Max(count * y, outputs.Length * 2);
            outputs = new float[size];
            digits = new char[size * Numbers.Fixed4Length];
            digitLengths = new int[size];
        }
    }
}
