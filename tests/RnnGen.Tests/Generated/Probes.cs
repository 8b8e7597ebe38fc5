namespace RnnGen.Tests.Generated;

/// <summary>
/// C# that tests compile beside generated models (in the same assembly, so it reaches the internal
/// width-specific entry points) to run a model through one chosen kernel width.
/// </summary>
internal static class Probes
{
    /// <summary>
    /// <c>public static float[] Run(int width, {parameters}, int[] tokens | float[] xs)</c> in a class <c>Probe_{name}</c>:
    /// builds the model with <paramref name="create"/>, then runs the sequence step by step (width 0: the public Step,
    /// else StepWithVectors), or for a bidirectional model through ForwardWithVectors; returns the outputs, flat.
    /// </summary>
    public static string Run(string name, string type, bool oneHot, bool bidirectional, string parameters, string create, string extra = "")
    {
        string input = oneHot ? "int[] tokens" : "float[] xs";
        string x = oneHot ? "tokens[t]" : $"new System.ReadOnlySpan<float>(xs, t * {type}.InputSize, {type}.InputSize)";
        string steps = oneHot ? "tokens.Length" : $"xs.Length / {type}.InputSize";
        string body = bidirectional
            ? $$"""
                    var typed = new {{type}}.Output[steps];
                    model.ForwardWithVectors(width, {{(oneHot ? "tokens" : "xs")}}, typed);
                    for (int t = 0; t < steps; t++) typed[t].CopyTo(new System.Span<float>(outputs, t * {{type}}.OutputSize, {{type}}.OutputSize));
            """
            : $$"""
                    var state = new {{type}}.Hidden();
                    for (int t = 0; t < steps; t++)
                    {
                        {{type}}.Output output = default;
                        if (width == 0) model.Step(ref state, {{x}}, out output);
                        else model.StepWithVectors(width, ref state, {{x}}, ref output);
                        output.CopyTo(new System.Span<float>(outputs, t * {{type}}.OutputSize, {{type}}.OutputSize));
                    }
            """;
        return $$"""
            public static class Probe_{{name}}
            {
                public static float[] Run(int width, {{parameters}}, {{input}})
                {
                    var model = {{create}};
                    int steps = {{steps}};
                    var outputs = new float[steps * {{type}}.OutputSize];
            {{body}}
                    return outputs;
                }
            {{extra}}
            }
            """;
    }

    /// <summary>
    /// <c>Batch(int width, {parameters}, packed, int[] lengths)</c> (ForwardBatchWithVectors; width 0: the public ForwardBatch)
    /// and <c>Separate({parameters}, packed, int[] lengths)</c> (one public Forward per sequence) in a class
    /// <c>BatchProbe_{name}</c>; both return every sequence's outputs, flat, one sequence after another.
    /// </summary>
    public static string Batch(string name, string type, bool oneHot, string parameters, string create)
    {
        string element = oneHot ? "int" : "float";
        string per = oneHot ? "1" : $"{type}.InputSize";
        return $$"""
            public static class BatchProbe_{{name}}
            {
                public static float[] Batch(int width, {{parameters}}, {{element}}[] packed, int[] lengths)
                {
                    var model = {{create}};
                    int steps = System.Linq.Enumerable.Sum(lengths);
                    var typed = new {{type}}.Output[steps];
                    if (width == 0) model.ForwardBatch(packed, lengths, typed);
                    else model.ForwardBatchWithVectors(width, packed, lengths, typed);
                    return Flat(typed);
                }

                public static float[] Separate({{parameters}}, {{element}}[] packed, int[] lengths)
                {
                    var model = {{create}};
                    int steps = System.Linq.Enumerable.Sum(lengths);
                    var typed = new {{type}}.Output[steps];
                    int start = 0;
                    foreach (int length in lengths)
                    {
                        model.Forward(new System.ReadOnlySpan<{{element}}>(packed, start * {{per}}, length * {{per}}), new System.Span<{{type}}.Output>(typed, start, length));
                        start += length;
                    }
                    return Flat(typed);
                }

                private static float[] Flat({{type}}.Output[] typed)
                {
                    var flat = new float[typed.Length * {{type}}.OutputSize];
                    for (int t = 0; t < typed.Length; t++) typed[t].CopyTo(new System.Span<float>(flat, t * {{type}}.OutputSize, {{type}}.OutputSize));
                    return flat;
                }
            }
            """;
    }
}
