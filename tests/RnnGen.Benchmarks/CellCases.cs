using System;
using System.Collections.Generic;
using System.Linq;
using RnnGen.Benchmarks.Cells;

namespace RnnGen.Benchmarks;

/// <summary>The input of a benchmark cell: a dense vector of 16, or one token of 10,000.</summary>
public enum CellInput
{
    Dense16,
    OneHot10k,
}

/// <summary>What a cell's run left: ŷ&lt;1..7&gt; and the last h (and c, for an LSTM).</summary>
internal sealed record CellTrace(float[] Y, float[] H, float[]? C);

/// <summary>
/// One configuration of the cell baselines: a generated model of <c>cells/</c> and the expert kernel of the same
/// cell, size and input, both built from the same PyTorch-style random weights, and the same 7-step sequence
/// from the zero state. <see cref="Expert"/> and <see cref="Generated"/> are what the benchmarks time (each
/// model's own typed Step, nothing else per step); the traces are what <see cref="SelfCheck"/> compares.
/// </summary>
internal abstract class CellCase
{
    public const int Steps = 7;
    private const int DenseX = ExpertLayout.DenseInput;

    protected CellCase(RnnModelInfo info)
    {
        Info = info;
        IReadOnlyList<Tensor> tensors = RandomWeights.Create(info.Tensors, info.HiddenSize, 1);
        float[] Get(string name) => tensors.Single(t => t.Name == name).Data;
        Wih = Get("rnn.weight_ih_l0");
        Whh = Get("rnn.weight_hh_l0");
        Bih = Get("rnn.bias_ih_l0");
        Bhh = Get("rnn.bias_hh_l0");
        Wy = Get("head.weight");
        By = Get("head.bias");
        if (tensors.Count != 6) throw new InvalidOperationException($"{info.Name}: the cell baselines expect exactly the six tensors of a one-layer cell with a head.");
        var random = new DeterministicRandom(7);
        Xs = Enumerable.Range(0, Steps * DenseX).Select(_ => random.Uniform(-1, 1)).ToArray();
        Tokens = Enumerable.Range(0, Steps).Select(_ => random.NextInt(10000)).ToArray();
    }

    public RnnModelInfo Info { get; }
    protected float[] Wih { get; }
    protected float[] Whh { get; }
    protected float[] Bih { get; }
    protected float[] Bhh { get; }
    protected float[] Wy { get; }
    protected float[] By { get; }
    protected float[] Xs { get; }
    protected int[] Tokens { get; }
    protected ReadOnlySpan<float> X(int step) => new(Xs, step * DenseX, DenseX);
    protected ref float XRef(int step) => ref Xs[step * DenseX];

    /// <summary>The expert kernel: 7 steps from the zero state; returns the sum of the outputs.</summary>
    public abstract float Expert();

    /// <summary>The generated model's Step: 7 steps from the zero state; returns the sum of the outputs.</summary>
    public abstract float Generated();

    public abstract CellTrace TraceExpert();
    public abstract CellTrace TraceGenerated();

    /// <summary>The configuration of <paramref name="cell"/> ("gru" or "lstm") at hidden size <paramref name="hidden"/>.</summary>
    public static CellCase Create(string cell, int hidden, CellInput input) => (cell, hidden, input) switch
    {
        ("gru", 16, CellInput.Dense16) => new GruH16DenseCase(),
        ("gru", 32, CellInput.Dense16) => new GruH32DenseCase(),
        ("gru", 64, CellInput.Dense16) => new GruH64DenseCase(),
        ("gru", 128, CellInput.Dense16) => new GruH128DenseCase(),
        ("gru", 16, CellInput.OneHot10k) => new GruH16OneHotCase(),
        ("gru", 32, CellInput.OneHot10k) => new GruH32OneHotCase(),
        ("gru", 64, CellInput.OneHot10k) => new GruH64OneHotCase(),
        ("gru", 128, CellInput.OneHot10k) => new GruH128OneHotCase(),
        ("lstm", 16, CellInput.Dense16) => new LstmH16DenseCase(),
        ("lstm", 32, CellInput.Dense16) => new LstmH32DenseCase(),
        ("lstm", 64, CellInput.Dense16) => new LstmH64DenseCase(),
        ("lstm", 128, CellInput.Dense16) => new LstmH128DenseCase(),
        ("lstm", 16, CellInput.OneHot10k) => new LstmH16OneHotCase(),
        ("lstm", 32, CellInput.OneHot10k) => new LstmH32OneHotCase(),
        ("lstm", 64, CellInput.OneHot10k) => new LstmH64OneHotCase(),
        ("lstm", 128, CellInput.OneHot10k) => new LstmH128OneHotCase(),
        _ => throw new ArgumentException($"No cell baseline for {cell}, H = {hidden}, {input}."),
    };

    public static readonly string[] Cells = { "gru", "lstm" };
    public static readonly int[] Sizes = { 16, 32, 64, 128 };
    public static readonly CellInput[] Inputs = { CellInput.Dense16, CellInput.OneHot10k };
}

/// <summary>The expert GRU's half of a configuration: its h row and its 7-step loop, per size and input.</summary>
internal abstract class GruCase<TSize> : CellCase where TSize : struct, IHiddenSize
{
    private readonly ExpertGru<TSize> _expert;
    private readonly AlignedBuffer _h = new(TSize.H);
    private readonly bool _oneHot;

    protected GruCase(RnnModelInfo info, bool oneHot) : base(info)
    {
        _oneHot = oneHot;
        _expert = new ExpertGru<TSize>(Wih, Whh, Bih, Bhh, Wy, By, oneHot);
    }

    public override float Expert()
    {
        _h.Span.Clear();
        ref float h = ref _h.Start;
        float sum = 0;
        if (_oneHot) for (int s = 0; s < Steps; s++) sum += _expert.Step(ref h, Tokens[s]);
        else for (int s = 0; s < Steps; s++) sum += _expert.Step(ref h, ref XRef(s));
        return sum;
    }

    public override CellTrace TraceExpert()
    {
        _h.Span.Clear();
        var y = new float[Steps];
        for (int s = 0; s < Steps; s++) y[s] = _oneHot ? _expert.Step(ref _h.Start, Tokens[s]) : _expert.Step(ref _h.Start, ref XRef(s));
        return new CellTrace(y, _h.Span.ToArray(), null);
    }
}

/// <summary>The expert LSTM's half of a configuration: its h and c rows and its 7-step loop.</summary>
internal abstract class LstmCase<TSize> : CellCase where TSize : struct, IHiddenSize
{
    private readonly ExpertLstm<TSize> _expert;
    private readonly AlignedBuffer _h = new(TSize.H);
    private readonly AlignedBuffer _c = new(TSize.H);
    private readonly bool _oneHot;

    protected LstmCase(RnnModelInfo info, bool oneHot) : base(info)
    {
        _oneHot = oneHot;
        _expert = new ExpertLstm<TSize>(Wih, Whh, Bih, Bhh, Wy, By, oneHot);
    }

    public override float Expert()
    {
        _h.Span.Clear();
        _c.Span.Clear();
        ref float h = ref _h.Start;
        ref float c = ref _c.Start;
        float sum = 0;
        if (_oneHot) for (int s = 0; s < Steps; s++) sum += _expert.Step(ref h, ref c, Tokens[s]);
        else for (int s = 0; s < Steps; s++) sum += _expert.Step(ref h, ref c, ref XRef(s));
        return sum;
    }

    public override CellTrace TraceExpert()
    {
        _h.Span.Clear();
        _c.Span.Clear();
        var y = new float[Steps];
        for (int s = 0; s < Steps; s++)
        {
            y[s] = _oneHot ? _expert.Step(ref _h.Start, ref _c.Start, Tokens[s]) : _expert.Step(ref _h.Start, ref _c.Start, ref XRef(s));
        }
        return new CellTrace(y, _h.Span.ToArray(), _c.Span.ToArray());
    }
}

// The generated halves: each model's own typed Step with its state in a local, as a caller writes it.

internal sealed class GruH16DenseCase : GruCase<H16>
{
    private readonly BenchGruH16Dense _m;
    public GruH16DenseCase() : base(BenchGruH16Dense.Info, false) => _m = new(Wih, Whh, Bih, Bhh, Wy, By);
    public override float Generated() { var st = new BenchGruH16Dense.Hidden(); float sum = 0; for (int s = 0; s < Steps; s++) { _m.Step(ref st, X(s), out var y); sum += y[0]; } return sum; }
    public override CellTrace TraceGenerated() { var st = new BenchGruH16Dense.Hidden(); var ys = new float[Steps]; for (int s = 0; s < Steps; s++) { _m.Step(ref st, X(s), out var y); ys[s] = y[0]; } return new(ys, st.ToArray(), null); }
}

internal sealed class GruH32DenseCase : GruCase<H32>
{
    private readonly BenchGruH32Dense _m;
    public GruH32DenseCase() : base(BenchGruH32Dense.Info, false) => _m = new(Wih, Whh, Bih, Bhh, Wy, By);
    public override float Generated() { var st = new BenchGruH32Dense.Hidden(); float sum = 0; for (int s = 0; s < Steps; s++) { _m.Step(ref st, X(s), out var y); sum += y[0]; } return sum; }
    public override CellTrace TraceGenerated() { var st = new BenchGruH32Dense.Hidden(); var ys = new float[Steps]; for (int s = 0; s < Steps; s++) { _m.Step(ref st, X(s), out var y); ys[s] = y[0]; } return new(ys, st.ToArray(), null); }
}

internal sealed class GruH64DenseCase : GruCase<H64>
{
    private readonly BenchGruH64Dense _m;
    public GruH64DenseCase() : base(BenchGruH64Dense.Info, false) => _m = new(Wih, Whh, Bih, Bhh, Wy, By);
    public override float Generated() { var st = new BenchGruH64Dense.Hidden(); float sum = 0; for (int s = 0; s < Steps; s++) { _m.Step(ref st, X(s), out var y); sum += y[0]; } return sum; }
    public override CellTrace TraceGenerated() { var st = new BenchGruH64Dense.Hidden(); var ys = new float[Steps]; for (int s = 0; s < Steps; s++) { _m.Step(ref st, X(s), out var y); ys[s] = y[0]; } return new(ys, st.ToArray(), null); }
}

internal sealed class GruH128DenseCase : GruCase<H128>
{
    private readonly BenchGruH128Dense _m;
    public GruH128DenseCase() : base(BenchGruH128Dense.Info, false) => _m = new(Wih, Whh, Bih, Bhh, Wy, By);
    public override float Generated() { var st = new BenchGruH128Dense.Hidden(); float sum = 0; for (int s = 0; s < Steps; s++) { _m.Step(ref st, X(s), out var y); sum += y[0]; } return sum; }
    public override CellTrace TraceGenerated() { var st = new BenchGruH128Dense.Hidden(); var ys = new float[Steps]; for (int s = 0; s < Steps; s++) { _m.Step(ref st, X(s), out var y); ys[s] = y[0]; } return new(ys, st.ToArray(), null); }
}

internal sealed class GruH16OneHotCase : GruCase<H16>
{
    private readonly BenchGruH16OneHot _m;
    public GruH16OneHotCase() : base(BenchGruH16OneHot.Info, true) => _m = new(Wih, Whh, Bih, Bhh, Wy, By);
    public override float Generated() { var st = new BenchGruH16OneHot.Hidden(); float sum = 0; for (int s = 0; s < Steps; s++) { _m.Step(ref st, Tokens[s], out var y); sum += y[0]; } return sum; }
    public override CellTrace TraceGenerated() { var st = new BenchGruH16OneHot.Hidden(); var ys = new float[Steps]; for (int s = 0; s < Steps; s++) { _m.Step(ref st, Tokens[s], out var y); ys[s] = y[0]; } return new(ys, st.ToArray(), null); }
}

internal sealed class GruH32OneHotCase : GruCase<H32>
{
    private readonly BenchGruH32OneHot _m;
    public GruH32OneHotCase() : base(BenchGruH32OneHot.Info, true) => _m = new(Wih, Whh, Bih, Bhh, Wy, By);
    public override float Generated() { var st = new BenchGruH32OneHot.Hidden(); float sum = 0; for (int s = 0; s < Steps; s++) { _m.Step(ref st, Tokens[s], out var y); sum += y[0]; } return sum; }
    public override CellTrace TraceGenerated() { var st = new BenchGruH32OneHot.Hidden(); var ys = new float[Steps]; for (int s = 0; s < Steps; s++) { _m.Step(ref st, Tokens[s], out var y); ys[s] = y[0]; } return new(ys, st.ToArray(), null); }
}

internal sealed class GruH64OneHotCase : GruCase<H64>
{
    private readonly BenchGruH64OneHot _m;
    public GruH64OneHotCase() : base(BenchGruH64OneHot.Info, true) => _m = new(Wih, Whh, Bih, Bhh, Wy, By);
    public override float Generated() { var st = new BenchGruH64OneHot.Hidden(); float sum = 0; for (int s = 0; s < Steps; s++) { _m.Step(ref st, Tokens[s], out var y); sum += y[0]; } return sum; }
    public override CellTrace TraceGenerated() { var st = new BenchGruH64OneHot.Hidden(); var ys = new float[Steps]; for (int s = 0; s < Steps; s++) { _m.Step(ref st, Tokens[s], out var y); ys[s] = y[0]; } return new(ys, st.ToArray(), null); }
}

internal sealed class GruH128OneHotCase : GruCase<H128>
{
    private readonly BenchGruH128OneHot _m;
    public GruH128OneHotCase() : base(BenchGruH128OneHot.Info, true) => _m = new(Wih, Whh, Bih, Bhh, Wy, By);
    public override float Generated() { var st = new BenchGruH128OneHot.Hidden(); float sum = 0; for (int s = 0; s < Steps; s++) { _m.Step(ref st, Tokens[s], out var y); sum += y[0]; } return sum; }
    public override CellTrace TraceGenerated() { var st = new BenchGruH128OneHot.Hidden(); var ys = new float[Steps]; for (int s = 0; s < Steps; s++) { _m.Step(ref st, Tokens[s], out var y); ys[s] = y[0]; } return new(ys, st.ToArray(), null); }
}

internal sealed class LstmH16DenseCase : LstmCase<H16>
{
    private readonly BenchLstmH16Dense _m;
    public LstmH16DenseCase() : base(BenchLstmH16Dense.Info, false) => _m = new(Wih, Whh, Bih, Bhh, Wy, By);
    public override float Generated() { var st = new BenchLstmH16Dense.Hidden(); float sum = 0; for (int s = 0; s < Steps; s++) { _m.Step(ref st, X(s), out var y); sum += y[0]; } return sum; }
    public override CellTrace TraceGenerated() { var st = new BenchLstmH16Dense.Hidden(); var ys = new float[Steps]; for (int s = 0; s < Steps; s++) { _m.Step(ref st, X(s), out var y); ys[s] = y[0]; } return new(ys, st.ToArray(), st.Cell(0).ToArray()); }
}

internal sealed class LstmH32DenseCase : LstmCase<H32>
{
    private readonly BenchLstmH32Dense _m;
    public LstmH32DenseCase() : base(BenchLstmH32Dense.Info, false) => _m = new(Wih, Whh, Bih, Bhh, Wy, By);
    public override float Generated() { var st = new BenchLstmH32Dense.Hidden(); float sum = 0; for (int s = 0; s < Steps; s++) { _m.Step(ref st, X(s), out var y); sum += y[0]; } return sum; }
    public override CellTrace TraceGenerated() { var st = new BenchLstmH32Dense.Hidden(); var ys = new float[Steps]; for (int s = 0; s < Steps; s++) { _m.Step(ref st, X(s), out var y); ys[s] = y[0]; } return new(ys, st.ToArray(), st.Cell(0).ToArray()); }
}

internal sealed class LstmH64DenseCase : LstmCase<H64>
{
    private readonly BenchLstmH64Dense _m;
    public LstmH64DenseCase() : base(BenchLstmH64Dense.Info, false) => _m = new(Wih, Whh, Bih, Bhh, Wy, By);
    public override float Generated() { var st = new BenchLstmH64Dense.Hidden(); float sum = 0; for (int s = 0; s < Steps; s++) { _m.Step(ref st, X(s), out var y); sum += y[0]; } return sum; }
    public override CellTrace TraceGenerated() { var st = new BenchLstmH64Dense.Hidden(); var ys = new float[Steps]; for (int s = 0; s < Steps; s++) { _m.Step(ref st, X(s), out var y); ys[s] = y[0]; } return new(ys, st.ToArray(), st.Cell(0).ToArray()); }
}

internal sealed class LstmH128DenseCase : LstmCase<H128>
{
    private readonly BenchLstmH128Dense _m;
    public LstmH128DenseCase() : base(BenchLstmH128Dense.Info, false) => _m = new(Wih, Whh, Bih, Bhh, Wy, By);
    public override float Generated() { var st = new BenchLstmH128Dense.Hidden(); float sum = 0; for (int s = 0; s < Steps; s++) { _m.Step(ref st, X(s), out var y); sum += y[0]; } return sum; }
    public override CellTrace TraceGenerated() { var st = new BenchLstmH128Dense.Hidden(); var ys = new float[Steps]; for (int s = 0; s < Steps; s++) { _m.Step(ref st, X(s), out var y); ys[s] = y[0]; } return new(ys, st.ToArray(), st.Cell(0).ToArray()); }
}

internal sealed class LstmH16OneHotCase : LstmCase<H16>
{
    private readonly BenchLstmH16OneHot _m;
    public LstmH16OneHotCase() : base(BenchLstmH16OneHot.Info, true) => _m = new(Wih, Whh, Bih, Bhh, Wy, By);
    public override float Generated() { var st = new BenchLstmH16OneHot.Hidden(); float sum = 0; for (int s = 0; s < Steps; s++) { _m.Step(ref st, Tokens[s], out var y); sum += y[0]; } return sum; }
    public override CellTrace TraceGenerated() { var st = new BenchLstmH16OneHot.Hidden(); var ys = new float[Steps]; for (int s = 0; s < Steps; s++) { _m.Step(ref st, Tokens[s], out var y); ys[s] = y[0]; } return new(ys, st.ToArray(), st.Cell(0).ToArray()); }
}

internal sealed class LstmH32OneHotCase : LstmCase<H32>
{
    private readonly BenchLstmH32OneHot _m;
    public LstmH32OneHotCase() : base(BenchLstmH32OneHot.Info, true) => _m = new(Wih, Whh, Bih, Bhh, Wy, By);
    public override float Generated() { var st = new BenchLstmH32OneHot.Hidden(); float sum = 0; for (int s = 0; s < Steps; s++) { _m.Step(ref st, Tokens[s], out var y); sum += y[0]; } return sum; }
    public override CellTrace TraceGenerated() { var st = new BenchLstmH32OneHot.Hidden(); var ys = new float[Steps]; for (int s = 0; s < Steps; s++) { _m.Step(ref st, Tokens[s], out var y); ys[s] = y[0]; } return new(ys, st.ToArray(), st.Cell(0).ToArray()); }
}

internal sealed class LstmH64OneHotCase : LstmCase<H64>
{
    private readonly BenchLstmH64OneHot _m;
    public LstmH64OneHotCase() : base(BenchLstmH64OneHot.Info, true) => _m = new(Wih, Whh, Bih, Bhh, Wy, By);
    public override float Generated() { var st = new BenchLstmH64OneHot.Hidden(); float sum = 0; for (int s = 0; s < Steps; s++) { _m.Step(ref st, Tokens[s], out var y); sum += y[0]; } return sum; }
    public override CellTrace TraceGenerated() { var st = new BenchLstmH64OneHot.Hidden(); var ys = new float[Steps]; for (int s = 0; s < Steps; s++) { _m.Step(ref st, Tokens[s], out var y); ys[s] = y[0]; } return new(ys, st.ToArray(), st.Cell(0).ToArray()); }
}

internal sealed class LstmH128OneHotCase : LstmCase<H128>
{
    private readonly BenchLstmH128OneHot _m;
    public LstmH128OneHotCase() : base(BenchLstmH128OneHot.Info, true) => _m = new(Wih, Whh, Bih, Bhh, Wy, By);
    public override float Generated() { var st = new BenchLstmH128OneHot.Hidden(); float sum = 0; for (int s = 0; s < Steps; s++) { _m.Step(ref st, Tokens[s], out var y); sum += y[0]; } return sum; }
    public override CellTrace TraceGenerated() { var st = new BenchLstmH128OneHot.Hidden(); var ys = new float[Steps]; for (int s = 0; s < Steps; s++) { _m.Step(ref st, Tokens[s], out var y); ys[s] = y[0]; } return new(ys, st.ToArray(), st.Cell(0).ToArray()); }
}
