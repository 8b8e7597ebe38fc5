using System.Collections.Generic;
using System.Globalization;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Lowering;

/// <summary>
/// Step 4 of the pipeline: a bound <see cref="ModelSpec"/> → its <see cref="StepProgram"/>. One lowering
/// per cell kind; a new cell is a new method here (and its tensors in <see cref="ModelTensors"/>).
/// Pure and total: a cell it does not know is an internal error.
/// </summary>
internal static class Lowerer
{
    // The buffer names every lowering shares; the kernels' variables are called the same.
    public const string State = "h";
    public const string Sums = "s";
    public const string Token = "token";
    public const string Input = "x";
    public const string Output = "y";

    // The generated constants that hold the padded sizes.
    public const string HiddenStride = "HiddenStride";
    public const string OutputStride = "OutputStride";

    public static StepProgram Lower(ModelSpec m)
    {
        if (m.Layers.Count != 1) throw Exhaustive.Unhandled("a model of " + m.Layers.Count.ToString(CultureInfo.InvariantCulture) + " layers");
        LayerSpec layer = m.Top;
        return layer.Cell switch
        {
            CellKind.Elman => Elman(m, layer),
            _ => throw Exhaustive.Unhandled(layer.Cell),
        };
    }

    /// <summary>a&lt;t&gt; = g_a(Waa · a&lt;t-1&gt; + Wax · x&lt;t&gt; + ba), ŷ&lt;t&gt; = g_y(Wya · a&lt;t&gt; + by).</summary>
    private static StepProgram Elman(ModelSpec m, LayerSpec layer)
    {
        int a = layer.Size;
        int stride = SpecWords.Pad(a);
        StateRows rows = StateRows.For(a);
        TensorSpec wax = m.Tensors.Get(TensorRole.InputWeights);
        TensorSpec waa = m.Tensors.Get(TensorRole.RecurrentWeights);
        TensorSpec ba = m.Tensors.Get(TensorRole.HiddenBias);
        TensorSpec wya = m.Tensors.Get(TensorRole.OutputWeights);
        TensorSpec by = m.Tensors.Get(TensorRole.OutputBias);

        var buffers = new List<BufferSpec> { new(State, BufferKind.State, a, "a<t-1> on entry, a<t> on return") };
        var packed = new List<PackedTensor>();
        var recurrence = new List<StepOp>();
        if (m.Input.OneHot)
        {
            buffers.Add(new BufferSpec(Token, BufferKind.Index, m.Input.Size, "x<t>, one-hot: the index of its one"));
            packed.Add(new PackedTensor("wax", wax.Name, PackLayout.Columns, m.Input.Size, stride, HiddenStride, ba.Name, 0, a));
            recurrence.Add(new ReadRowOp(Sums, "wax", Token));
        }
        else
        {
            buffers.Add(new BufferSpec(Input, BufferKind.Input, m.Input.Size, "x<t>"));
            packed.Add(new PackedTensor("ba", ba.Name, PackLayout.Vector, 1, stride, HiddenStride, "", 0, a));
            recurrence.Add(new LoadOp(Sums, "ba"));
            recurrence.Add(SweptMatrix(packed, "wax", wax, rows, Input, m.Input.Size));
        }
        buffers.Add(new BufferSpec(Sums, BufferKind.Scratch, a, "the sums, then a<t>"));
        buffers.Add(new BufferSpec(Output, BufferKind.Output, m.Output.Size, "ŷ<t>"));
        MatVecOp recurrent = SweptMatrix(packed, "waa", waa, rows, State, a);
        packed.Add(new PackedTensor("wya", wya.Name, PackLayout.Rows, m.Output.Size, stride, HiddenStride, "", 0, a));
        packed.Add(new PackedTensor("by", by.Name, PackLayout.Vector, 1, SpecWords.Pad(m.Output.Size), OutputStride, "", 0, m.Output.Size));

        recurrence.Add(recurrent);
        recurrence.Add(new ActivateOp(Sums, layer.Activation));
        if (stride > a) recurrence.Add(new ZeroPaddingOp(Sums, a, stride));
        recurrence.Add(new StoreOp(State, Sums));

        return new StepProgram(m.Name, layer.Cell, rows, buffers.ToEquatableArray(), packed.ToEquatableArray(),
            recurrence.ToEquatableArray(), Head(m));
    }

    /// <summary>
    /// A matrix the step sweeps column by column (<c>Target += W · vector</c>), packed as the state's main
    /// rows and, when a does not fill whole vectors, its tail rows in a narrower table (<see cref="StateRows"/>).
    /// </summary>
    private static MatVecOp SweptMatrix(List<PackedTensor> packed, string name, TensorSpec tensor, StateRows rows, string vector, int columns)
    {
        int a = tensor.Shape[0].Size;
        string main = "", tail = "";
        if (rows.Main > 0)
        {
            main = name;
            bool whole = rows.Tail == 0;
            packed.Add(new PackedTensor(name, tensor.Name, PackLayout.Columns, columns, rows.Main, whole ? HiddenStride : "", "", 0,
                whole ? a : rows.Main));
        }
        if (rows.Tail > 0)
        {
            tail = name + "Tail";
            packed.Add(new PackedTensor(tail, tensor.Name, PackLayout.Columns, columns, rows.Tail, "", "", rows.Main, a - rows.Main));
        }
        return new MatVecOp(Sums, main, tail, vector, columns);
    }

    /// <summary>The output head every cell shares: ŷ&lt;t&gt; = g_y(Wya · a&lt;t&gt; + by).</summary>
    private static EquatableArray<StepOp> Head(ModelSpec m)
    {
        int y = m.Output.Size;
        var head = new List<StepOp>();
        if (SpecWords.Pad(y) > y) head.Add(new ZeroPaddingOp(Output, y, SpecWords.Pad(y)));
        head.Add(new ProjectOp(Output, "wya", State, "by", y));
        head.Add(new ActivateOp(Output, m.Output.Activation));
        return head.ToEquatableArray();
    }
}
