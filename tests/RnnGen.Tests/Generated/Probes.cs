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
}
