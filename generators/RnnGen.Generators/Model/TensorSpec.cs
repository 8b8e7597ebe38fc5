namespace RnnGen.Generators.Model;

/// <summary>What a weight tensor is for in the computation.</summary>
internal enum TensorRole
{
    /// <summary>Multiplies the layer's input x&lt;t&gt; (Wax; PyTorch's weight_ih, the gates stacked).</summary>
    InputWeights,

    /// <summary>Multiplies the previous hidden state a&lt;t-1&gt; (Waa; PyTorch's weight_hh).</summary>
    RecurrentWeights,

    /// <summary>Added to the hidden pre-activation (the textbook's ba: both of PyTorch's biases in one).</summary>
    HiddenBias,

    /// <summary>PyTorch's bias_ih: added with the input's product.</summary>
    InputBias,

    /// <summary>PyTorch's bias_hh: added with the state's product (inside the reset gate's product for a GRU's new gate).</summary>
    RecurrentBias,

    /// <summary>An nn.Embedding's table: row t is token t's vector, the first layer's input.</summary>
    Embedding,

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
/// <param name="Name">
/// Its name in the weights file: for PyTorch's names, under its module's prefix (<c>rnn.</c>, <c>head.</c>,
/// <c>embedding.</c> by default, or the path the spec's <c>modules</c> gives: <c>encoder.gru.weight_ih_l0</c>).
/// </param>
/// <param name="DefaultName">
/// Its name under the default prefixes (<c>rnn.weight_ih_l0</c>; the textbook's names are their own), which the
/// constructor's parameter is named after, so that renaming a module in the spec leaves the C# API as it is.
/// </param>
/// <param name="Role">What it is for.</param>
/// <param name="Shape">Its dimensions, outermost first.</param>
/// <param name="Layer">The recurrent layer it belongs to, or -1 for the head and the embedding.</param>
/// <param name="Reverse">Whether it belongs to the reverse direction of a bidirectional layer.</param>
internal sealed record TensorSpec(string Name, string DefaultName, TensorRole Role, EquatableArray<TensorDim> Shape, int Layer = -1, bool Reverse = false)
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
