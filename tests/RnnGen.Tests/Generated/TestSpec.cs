using System.Globalization;
using System.Text;

namespace RnnGen.Tests.Generated;

/// <summary>A model spec for tests, written out as the JSON an author would write.</summary>
internal sealed record TestSpec(string Name, int A, string HiddenActivation, bool OneHot, int X, int Y, string OutputActivation)
{
    public string FileName => Name.ToLowerInvariant() + ".rnn.json";

    public string Json()
    {
        var sb = new StringBuilder();
        sb.Append("{\n");
        sb.Append("  \"name\": \"").Append(Name).Append("\",\n");
        sb.Append("  \"namespace\": \"RnnGen.TestModels\",\n");
        sb.Append("  \"a\": { \"size\": ").Append(A.ToString(CultureInfo.InvariantCulture)).Append(", \"activation\": \"").Append(HiddenActivation).Append("\" },\n");
        sb.Append("  \"x\": { \"encoding\": \"").Append(OneHot ? "one-hot" : "dense").Append("\", \"size\": ").Append(X.ToString(CultureInfo.InvariantCulture)).Append(" },\n");
        sb.Append("  \"y\": { \"size\": ").Append(Y.ToString(CultureInfo.InvariantCulture)).Append(", \"activation\": \"").Append(OutputActivation).Append("\" },\n");
        sb.Append("  \"weights\": \"").Append(Name.ToLowerInvariant()).Append(".safetensors\"\n");
        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>
    /// C# that runs this model through one chosen kernel (512, 256 or 128 bits, or 0 for the public
    /// Step), compiled into the same assembly so it can call the internal kernels.
    /// </summary>
    public string ProbeSource()
    {
        string type = "global::RnnGen.TestModels." + Name;
        string input = OneHot ? "int[] tokens" : "float[] xs";
        string forward = $$"""
                public static float[] Forward(float[] waa, float[] wax, float[] ba, float[] wya, float[] by, {{input}})
                {
                    var model = new {{type}}(waa, wax, ba, wya, by);
                    var outputs = model.Forward({{(OneHot ? "tokens" : "xs")}});
                    var flat = new float[outputs.Length * {{type}}.OutputSize];
                    for (int t = 0; t < outputs.Length; t++) outputs[t].CopyTo(new System.Span<float>(flat, t * {{type}}.OutputSize, {{type}}.OutputSize));
                    return flat;
                }
            """;
        return Probes.Run(Name, type, OneHot, bidirectional: false, "float[] waa, float[] wax, float[] ba, float[] wya, float[] by",
            $"new {type}(waa, wax, ba, wya, by)", forward);
    }
}
