namespace RnnGen.Generators.Model;

/// <summary>What a weight tensor is for in the computation.</summary>
internal enum TensorRole
{
    /// <summary>Multiplies the layer's input x&lt;t&gt; (Wax).</summary>
    InputWeights,

    /// <summary>Multiplies the previous hidden state a&lt;t-1&gt; (Waa).</summary>
    RecurrentWeights,

    /// <summary>Added to the hidden pre-activation (ba).</summary>
    HiddenBias,

    /// <summary>Projects a&lt;t&gt; to the output (Wya).</summary>
    OutputWeights,

    /// <summary>Added to the output before g_y (by).</summary>
    OutputBias,
}

/// <summary>One dimension of a tensor: its size and the generated constant that names it (HiddenSize, InputSize, OutputSize).</summary>
internal sealed record TensorDim(string Constant, int Size);

/// <summary>
/// A weight tensor as the weights file holds it: its name in the file, its row-major shape and its role.
/// Listed once per model (<see cref="ModelTensors"/>); the constructor, <c>Load</c>, the shape checks,
/// the docs, the step program and the model's <c>Info.Tensors</c> are all written from this list.
/// </summary>
internal sealed record TensorSpec(string Name, TensorRole Role, EquatableArray<TensorDim> Shape)
{
    /// <summary>The number of floats.</summary>
    public long Elements
    {
        get
        {
            long n = 1;
            foreach (TensorDim d in Shape) n *= d.Size;
            return n;
        }
    }
}
