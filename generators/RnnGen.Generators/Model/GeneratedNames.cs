namespace RnnGen.Generators.Model;

/// <summary>
/// The names generated code gives its own members, defined once: the reader refuses a model named
/// like one of them, the emitter skips a label property that would take one, and a test checks the
/// lists against what the compiled class really declares.
/// </summary>
internal static class GeneratedNames
{
    /// <summary>The members and nested types of a model's class; a model cannot be called any of them.</summary>
    public static readonly string[] ModelMembers =
    {
        "Hidden", "Output", "HiddenBuffer", "OutputBuffer", "Step", "StepUnchecked", "StepWithVectors",
        "Forward", "Load", "FromSafeTensors", "Encode", "Tokenize", "Info", "Vocabulary", "VocabularyHolder",
        "VocabularyTokens", "UnknownToken", "HiddenSize", "InputSize", "OutputSize", "HiddenStride", "OutputStride",
        "Labels", "WeightsFile", "DefaultWeightsPath", "EmbeddingSize", "StateStride", "PyTorchTensors", "ForwardWithVectors",
        "ForwardBatch", "ForwardBatchWithVectors", "VocabularyData", "LabelData", "Training",
        "Advance", "Sample", "Generate", "Generation",
    };

    /// <summary>
    /// The members of the Hidden and Output structs (the indexer is "Item") and those every type gets
    /// from object: a label whose property would take one of these names (or the struct's own) gets none.
    /// </summary>
    public static readonly string[] VectorMembers =
    {
        "Length", "Values", "Item", "AsSpan", "CopyTo", "ToArray", "ArgMax", "Label", "Reset", "Layer", "Cell",
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };

    /// <summary>
    /// The most labels that get properties: a model with more (y.size is up to 100,000) gets none, as its Output type
    /// would take the compiler minutes, and its labels are read by index.
    /// </summary>
    public const int MaxLabelProperties = 1000;

    /// <summary>A label's property on the Output type, or why it has none.</summary>
    /// <param name="Property">The property's name, or null.</param>
    /// <param name="Why">Why there is no property ("starts with a digit"), or null when there is one or there are over <see cref="MaxLabelProperties"/> labels.</param>
    internal readonly record struct LabelName(string? Property, string? Why);

    /// <summary>
    /// The property of each label on the model's Output type: "person" → Person, "B-PER" → BPER (letters and digits,
    /// each run after another character capitalised). A label gets none when that makes no identifier, when an earlier
    /// label has the same property (labels that differ only in case or punctuation), or when the name is one the
    /// Output type's code uses: its own members, object's, the model's members (OutputSize, Labels …, which the
    /// struct refers to unqualified) and the model's own name. The reader warns about each (RNN0033); the emitter
    /// writes the others.
    /// </summary>
    public static LabelName[] LabelProperties(System.Collections.Generic.IReadOnlyList<string> labels, string modelName)
    {
        var result = new LabelName[labels.Count];
        if (labels.Count > MaxLabelProperties)
        {
            // A struct of 100,000 properties takes the compiler minutes (20,000 took 50 s): past the limit, none.
            for (int k = 0; k < labels.Count; k++) result[k] = new LabelName(null, null);
            return result;
        }
        var taken = new System.Collections.Generic.Dictionary<string, int>(System.StringComparer.Ordinal);
        for (int k = 0; k < labels.Count; k++)
        {
            string? property = LabelProperty(labels[k]);
            if (property is null)
            {
                result[k] = new LabelName(null, HasAsciiLetterOrDigit(labels[k])
                    ? "makes no C# identifier, since its first ASCII letter or digit is a digit"
                    : "has no ASCII letter or digit to make a C# identifier of");
            }
            else if (taken.TryGetValue(property, out int first))
            {
                result[k] = new LabelName(null, $"would be '{property}', the property of y.labels[{first}]");
            }
            else if (property == modelName)
            {
                result[k] = new LabelName(null, $"would be '{property}', the model's own name");
            }
            else if (property == "Output" || System.Array.IndexOf(VectorMembers, property) >= 0 || System.Array.IndexOf(ModelMembers, property) >= 0)
            {
                result[k] = new LabelName(null, $"would be '{property}', a name the generated code already uses");
            }
            else
            {
                taken[property] = k;
                result[k] = new LabelName(property, null);
            }
        }
        return result;
    }

    /// <summary>"person" → "Person", "B-PER" → "BPER", "output size" → "OutputSize"; null when the label makes no identifier.</summary>
    public static string? LabelProperty(string label)
    {
        var sb = new System.Text.StringBuilder();
        bool upper = true;
        foreach (char c in label)
        {
            if (char.IsLetterOrDigit(c) && c < 128)
            {
                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }
        if (sb.Length == 0 || !char.IsLetter(sb[0])) return null;
        return sb.ToString();
    }

    private static bool HasAsciiLetterOrDigit(string label)
    {
        foreach (char c in label)
        {
            if (c < 128 && char.IsLetterOrDigit(c)) return true;
        }
        return false;
    }

    /// <summary>
    /// Every type from outside the generated code that it refers to (full names, without generic arity), qualified
    /// with global:: or by the kernel's using directives. A model's type must not take one of these names, nor a
    /// namespace one of them stands in, and a model's namespace must not be one of them: the generated code would
    /// then bind to the model (CS0436 lets a source type win) or find a type where it names a namespace. A test
    /// collects what the compiled code really refers to, and fails when this list misses one.
    /// </summary>
    public static readonly string[] ReferencedTypes =
    {
        "RnnGen.AlignedBuffer", "RnnGen.BatchMath", "RnnGen.GradientMath", "RnnGen.GradientPacking", "RnnGen.IDenseRnnModel", "RnnGen.IOneHotGenerator", "RnnGen.IOneHotRnnModel", "RnnGen.IRnnModel",
        "RnnGen.RnnModelInfo", "RnnGen.SafeTensorsFile", "RnnGen.Tensor", "RnnGen.TensorInfo", "RnnGen.Tokenizer", "RnnGen.TokenSampler", "RnnGen.GenerationOptions", "RnnGen.VectorFormat",
        "RnnGen.VectorMath", "RnnGen.Vocabulary", "RnnGen.WeightPacking", "RnnGen.WeightsException",
        "RnnGen.Training.ITrainingProgram", "RnnGen.Training.ITrainingWorkspace", "RnnGen.Training.LossKind", "RnnGen.Training.ParameterInit",
        "RnnGen.Training.SequenceBatch",
        "System.AppContext", "System.ArgumentException", "System.ArgumentNullException", "System.ArgumentOutOfRangeException", "System.Array",
        "System.Buffers.ArrayPool", "System.CodeDom.Compiler.GeneratedCodeAttribute", "System.Collections.Generic.IReadOnlyCollection",
        "System.Collections.Generic.IReadOnlyList", "System.Diagnostics.CodeAnalysis.DoesNotReturnAttribute",
        "System.Diagnostics.CodeAnalysis.UnscopedRefAttribute", "System.HashCode", "System.IEquatable", "System.IO.Path", "System.Linq.Enumerable",
        "System.Math", "System.MathF", "System.MemoryExtensions", "System.ReadOnlySpan", "System.Runtime.CompilerServices.InlineArrayAttribute",
        "System.Runtime.CompilerServices.MethodImplAttribute", "System.Runtime.CompilerServices.MethodImplOptions",
        "System.Runtime.CompilerServices.Unsafe", "System.Runtime.InteropServices.MemoryMarshal", "System.Runtime.Intrinsics.Vector128",
        "System.Runtime.Intrinsics.Vector256", "System.Runtime.Intrinsics.Vector512", "System.Span", "System.StringComparison",
        "System.StringSplitOptions", "System.Text.Encoding",
    };

    /// <summary>The namespaces the kernel class imports with using directives: a model there must not take a simple name it uses.</summary>
    public static readonly string[] KernelImports =
    {
        "System", "System.Buffers", "System.Diagnostics.CodeAnalysis", "System.Runtime.CompilerServices", "System.Runtime.InteropServices",
        "System.Runtime.Intrinsics",
    };

    /// <summary>
    /// Why a model <paramref name="name"/> in <paramref name="ns"/> would break the generated code (RNN0009), or null:
    /// its full name is a type the code uses or a namespace one of them is in, or, in a namespace the kernel imports,
    /// its name is one the kernel uses unqualified.
    /// </summary>
    public static string? TypeCollision(string ns, string name)
    {
        string full = ns + "." + name;
        foreach (string type in ReferencedTypes)
        {
            if (type == full || AttributeShortName(type) == full) return $"{full} would be the type {type} from .NET or RnnGen, which the generated code uses";
            if (type.StartsWith(full + ".", System.StringComparison.Ordinal)) return $"{full} is the namespace of {type}, which the generated code uses";
        }
        if (System.Array.IndexOf(KernelImports, ns) >= 0)
        {
            foreach (string type in ReferencedTypes)
            {
                string simple = type.Substring(type.LastIndexOf('.') + 1);
                if (simple == name || AttributeShortName(simple) == name)
                {
                    return $"the generated code imports the namespace {ns} and uses {type} by its name {name}, which this type would hide or make ambiguous";
                }
            }
        }
        return null;
    }

    /// <summary>Why <paramref name="ns"/> would break the generated code (RNN0010), or null: it, or a namespace it is in, is a type the code uses.</summary>
    public static string? NamespaceCollision(string ns)
    {
        foreach (string type in ReferencedTypes)
        {
            if (ns == type || ns.StartsWith(type + ".", System.StringComparison.Ordinal))
            {
                return $"{type} is a type from .NET or RnnGen that the generated code uses, and a namespace cannot take its name";
            }
        }
        return null;
    }

    /// <summary>"DoesNotReturn" of "DoesNotReturnAttribute" (the name C# also finds for [DoesNotReturn]), else null.</summary>
    private static string? AttributeShortName(string type) =>
        type.EndsWith("Attribute", System.StringComparison.Ordinal) ? type.Substring(0, type.Length - "Attribute".Length) : null;

    /// <summary>The namespace of everything the generator writes besides the models themselves; no spec may use it.</summary>
    public const string ImplementationNamespace = "RnnGen.Generated";
}
