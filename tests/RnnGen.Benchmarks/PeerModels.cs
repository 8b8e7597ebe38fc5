using System;
using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Benchmarks;

// The generated halves of the peers benchmark: each case's own typed Step (state in a local, carried from token to
// token), Forward into a span and ForwardBatch, as a caller writes them. One class per generated type, since the
// state and output types are the model's own; PeerCase holds everything else.

/// <summary>The peers benchmark's cases by key (<c>gru-256</c>).</summary>
internal static class PeerCases
{
    /// <summary>Every case: cell × a, one-hot over 10,000, y = 1 sigmoid (rnn-100 is the shipped name-tagger's class).</summary>
    public static readonly string[] All = { "rnn-64", "rnn-100", "rnn-256", "rnn-512", "gru-64", "gru-100", "gru-256", "gru-512", "lstm-64", "lstm-100", "lstm-256", "lstm-512" };

    public static PeerCase Create(string key) => key switch
    {
        "rnn-64" => new Case_rnn_64(),
        "rnn-100" => new Case_rnn_100(),
        "rnn-256" => new Case_rnn_256(),
        "rnn-512" => new Case_rnn_512(),
        "gru-64" => new Case_gru_64(),
        "gru-100" => new Case_gru_100(),
        "gru-256" => new Case_gru_256(),
        "gru-512" => new Case_gru_512(),
        "lstm-64" => new Case_lstm_64(),
        "lstm-100" => new Case_lstm_100(),
        "lstm-256" => new Case_lstm_256(),
        "lstm-512" => new Case_lstm_512(),
        _ => throw new ArgumentException($"No peers case '{key}'; the cases are {string.Join(", ", All)}.", nameof(key)),
    };
}

internal sealed class Case_rnn_64 : PeerCase
{
    private readonly Peers.PeerElmanA64 _m;
    private readonly Peers.PeerElmanA64.Output[] _y = new Peers.PeerElmanA64.Output[Length];
    private readonly Peers.PeerElmanA64.Output[] _batch = new Peers.PeerElmanA64.Output[Length * Batch];
    public Case_rnn_64() : base(Peers.PeerElmanA64.Info) => _m = Peers.PeerElmanA64.FromSafeTensors(File);
    public override float Step() { var s = new Peers.PeerElmanA64.Hidden(); float sum = 0; foreach (int t in Tokens) { _m.Step(ref s, t, out var y); sum += y[0]; } return sum; }
    public override float Forward() { _m.Forward(Tokens, _y); return _y[Length - 1][0]; }
    public override float ForwardBatch() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch[Length * Batch - 1][0]; }
    public override float[] Outputs() { _m.Forward(Tokens, _y); return _y.Select(y => y[0]).ToArray(); }
    public override float[] BatchOutputs() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch.Select(y => y[0]).ToArray(); }
}

internal sealed class Case_rnn_100 : PeerCase
{
    private readonly RnnGen.Models.NameTagger _m;
    private readonly RnnGen.Models.NameTagger.Output[] _y = new RnnGen.Models.NameTagger.Output[Length];
    private readonly RnnGen.Models.NameTagger.Output[] _batch = new RnnGen.Models.NameTagger.Output[Length * Batch];
    public Case_rnn_100() : base(RnnGen.Models.NameTagger.Info) => _m = RnnGen.Models.NameTagger.FromSafeTensors(File);
    public override float Step() { var s = new RnnGen.Models.NameTagger.Hidden(); float sum = 0; foreach (int t in Tokens) { _m.Step(ref s, t, out var y); sum += y[0]; } return sum; }
    public override float Forward() { _m.Forward(Tokens, _y); return _y[Length - 1][0]; }
    public override float ForwardBatch() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch[Length * Batch - 1][0]; }
    public override float[] Outputs() { _m.Forward(Tokens, _y); return _y.Select(y => y[0]).ToArray(); }
    public override float[] BatchOutputs() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch.Select(y => y[0]).ToArray(); }
}

internal sealed class Case_rnn_256 : PeerCase
{
    private readonly Peers.PeerElmanA256 _m;
    private readonly Peers.PeerElmanA256.Output[] _y = new Peers.PeerElmanA256.Output[Length];
    private readonly Peers.PeerElmanA256.Output[] _batch = new Peers.PeerElmanA256.Output[Length * Batch];
    public Case_rnn_256() : base(Peers.PeerElmanA256.Info) => _m = Peers.PeerElmanA256.FromSafeTensors(File);
    public override float Step() { var s = new Peers.PeerElmanA256.Hidden(); float sum = 0; foreach (int t in Tokens) { _m.Step(ref s, t, out var y); sum += y[0]; } return sum; }
    public override float Forward() { _m.Forward(Tokens, _y); return _y[Length - 1][0]; }
    public override float ForwardBatch() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch[Length * Batch - 1][0]; }
    public override float[] Outputs() { _m.Forward(Tokens, _y); return _y.Select(y => y[0]).ToArray(); }
    public override float[] BatchOutputs() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch.Select(y => y[0]).ToArray(); }
}

internal sealed class Case_rnn_512 : PeerCase
{
    private readonly Peers.PeerElmanA512 _m;
    private readonly Peers.PeerElmanA512.Output[] _y = new Peers.PeerElmanA512.Output[Length];
    private readonly Peers.PeerElmanA512.Output[] _batch = new Peers.PeerElmanA512.Output[Length * Batch];
    public Case_rnn_512() : base(Peers.PeerElmanA512.Info) => _m = Peers.PeerElmanA512.FromSafeTensors(File);
    public override float Step() { var s = new Peers.PeerElmanA512.Hidden(); float sum = 0; foreach (int t in Tokens) { _m.Step(ref s, t, out var y); sum += y[0]; } return sum; }
    public override float Forward() { _m.Forward(Tokens, _y); return _y[Length - 1][0]; }
    public override float ForwardBatch() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch[Length * Batch - 1][0]; }
    public override float[] Outputs() { _m.Forward(Tokens, _y); return _y.Select(y => y[0]).ToArray(); }
    public override float[] BatchOutputs() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch.Select(y => y[0]).ToArray(); }
}

internal sealed class Case_gru_64 : PeerCase
{
    private readonly Peers.PeerGruA64 _m;
    private readonly Peers.PeerGruA64.Output[] _y = new Peers.PeerGruA64.Output[Length];
    private readonly Peers.PeerGruA64.Output[] _batch = new Peers.PeerGruA64.Output[Length * Batch];
    public Case_gru_64() : base(Peers.PeerGruA64.Info) => _m = Peers.PeerGruA64.FromSafeTensors(File);
    public override float Step() { var s = new Peers.PeerGruA64.Hidden(); float sum = 0; foreach (int t in Tokens) { _m.Step(ref s, t, out var y); sum += y[0]; } return sum; }
    public override float Forward() { _m.Forward(Tokens, _y); return _y[Length - 1][0]; }
    public override float ForwardBatch() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch[Length * Batch - 1][0]; }
    public override float[] Outputs() { _m.Forward(Tokens, _y); return _y.Select(y => y[0]).ToArray(); }
    public override float[] BatchOutputs() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch.Select(y => y[0]).ToArray(); }
}

internal sealed class Case_gru_100 : PeerCase
{
    private readonly Peers.PeerGruA100 _m;
    private readonly Peers.PeerGruA100.Output[] _y = new Peers.PeerGruA100.Output[Length];
    private readonly Peers.PeerGruA100.Output[] _batch = new Peers.PeerGruA100.Output[Length * Batch];
    public Case_gru_100() : base(Peers.PeerGruA100.Info) => _m = Peers.PeerGruA100.FromSafeTensors(File);
    public override float Step() { var s = new Peers.PeerGruA100.Hidden(); float sum = 0; foreach (int t in Tokens) { _m.Step(ref s, t, out var y); sum += y[0]; } return sum; }
    public override float Forward() { _m.Forward(Tokens, _y); return _y[Length - 1][0]; }
    public override float ForwardBatch() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch[Length * Batch - 1][0]; }
    public override float[] Outputs() { _m.Forward(Tokens, _y); return _y.Select(y => y[0]).ToArray(); }
    public override float[] BatchOutputs() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch.Select(y => y[0]).ToArray(); }
}

internal sealed class Case_gru_256 : PeerCase
{
    private readonly Peers.PeerGruA256 _m;
    private readonly Peers.PeerGruA256.Output[] _y = new Peers.PeerGruA256.Output[Length];
    private readonly Peers.PeerGruA256.Output[] _batch = new Peers.PeerGruA256.Output[Length * Batch];
    public Case_gru_256() : base(Peers.PeerGruA256.Info) => _m = Peers.PeerGruA256.FromSafeTensors(File);
    public override float Step() { var s = new Peers.PeerGruA256.Hidden(); float sum = 0; foreach (int t in Tokens) { _m.Step(ref s, t, out var y); sum += y[0]; } return sum; }
    public override float Forward() { _m.Forward(Tokens, _y); return _y[Length - 1][0]; }
    public override float ForwardBatch() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch[Length * Batch - 1][0]; }
    public override float[] Outputs() { _m.Forward(Tokens, _y); return _y.Select(y => y[0]).ToArray(); }
    public override float[] BatchOutputs() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch.Select(y => y[0]).ToArray(); }
}

internal sealed class Case_gru_512 : PeerCase
{
    private readonly Peers.PeerGruA512 _m;
    private readonly Peers.PeerGruA512.Output[] _y = new Peers.PeerGruA512.Output[Length];
    private readonly Peers.PeerGruA512.Output[] _batch = new Peers.PeerGruA512.Output[Length * Batch];
    public Case_gru_512() : base(Peers.PeerGruA512.Info) => _m = Peers.PeerGruA512.FromSafeTensors(File);
    public override float Step() { var s = new Peers.PeerGruA512.Hidden(); float sum = 0; foreach (int t in Tokens) { _m.Step(ref s, t, out var y); sum += y[0]; } return sum; }
    public override float Forward() { _m.Forward(Tokens, _y); return _y[Length - 1][0]; }
    public override float ForwardBatch() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch[Length * Batch - 1][0]; }
    public override float[] Outputs() { _m.Forward(Tokens, _y); return _y.Select(y => y[0]).ToArray(); }
    public override float[] BatchOutputs() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch.Select(y => y[0]).ToArray(); }
}

internal sealed class Case_lstm_64 : PeerCase
{
    private readonly Peers.PeerLstmA64 _m;
    private readonly Peers.PeerLstmA64.Output[] _y = new Peers.PeerLstmA64.Output[Length];
    private readonly Peers.PeerLstmA64.Output[] _batch = new Peers.PeerLstmA64.Output[Length * Batch];
    public Case_lstm_64() : base(Peers.PeerLstmA64.Info) => _m = Peers.PeerLstmA64.FromSafeTensors(File);
    public override float Step() { var s = new Peers.PeerLstmA64.Hidden(); float sum = 0; foreach (int t in Tokens) { _m.Step(ref s, t, out var y); sum += y[0]; } return sum; }
    public override float Forward() { _m.Forward(Tokens, _y); return _y[Length - 1][0]; }
    public override float ForwardBatch() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch[Length * Batch - 1][0]; }
    public override float[] Outputs() { _m.Forward(Tokens, _y); return _y.Select(y => y[0]).ToArray(); }
    public override float[] BatchOutputs() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch.Select(y => y[0]).ToArray(); }
}

internal sealed class Case_lstm_100 : PeerCase
{
    private readonly Peers.PeerLstmA100 _m;
    private readonly Peers.PeerLstmA100.Output[] _y = new Peers.PeerLstmA100.Output[Length];
    private readonly Peers.PeerLstmA100.Output[] _batch = new Peers.PeerLstmA100.Output[Length * Batch];
    public Case_lstm_100() : base(Peers.PeerLstmA100.Info) => _m = Peers.PeerLstmA100.FromSafeTensors(File);
    public override float Step() { var s = new Peers.PeerLstmA100.Hidden(); float sum = 0; foreach (int t in Tokens) { _m.Step(ref s, t, out var y); sum += y[0]; } return sum; }
    public override float Forward() { _m.Forward(Tokens, _y); return _y[Length - 1][0]; }
    public override float ForwardBatch() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch[Length * Batch - 1][0]; }
    public override float[] Outputs() { _m.Forward(Tokens, _y); return _y.Select(y => y[0]).ToArray(); }
    public override float[] BatchOutputs() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch.Select(y => y[0]).ToArray(); }
}

internal sealed class Case_lstm_256 : PeerCase
{
    private readonly Peers.PeerLstmA256 _m;
    private readonly Peers.PeerLstmA256.Output[] _y = new Peers.PeerLstmA256.Output[Length];
    private readonly Peers.PeerLstmA256.Output[] _batch = new Peers.PeerLstmA256.Output[Length * Batch];
    public Case_lstm_256() : base(Peers.PeerLstmA256.Info) => _m = Peers.PeerLstmA256.FromSafeTensors(File);
    public override float Step() { var s = new Peers.PeerLstmA256.Hidden(); float sum = 0; foreach (int t in Tokens) { _m.Step(ref s, t, out var y); sum += y[0]; } return sum; }
    public override float Forward() { _m.Forward(Tokens, _y); return _y[Length - 1][0]; }
    public override float ForwardBatch() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch[Length * Batch - 1][0]; }
    public override float[] Outputs() { _m.Forward(Tokens, _y); return _y.Select(y => y[0]).ToArray(); }
    public override float[] BatchOutputs() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch.Select(y => y[0]).ToArray(); }
}

internal sealed class Case_lstm_512 : PeerCase
{
    private readonly Peers.PeerLstmA512 _m;
    private readonly Peers.PeerLstmA512.Output[] _y = new Peers.PeerLstmA512.Output[Length];
    private readonly Peers.PeerLstmA512.Output[] _batch = new Peers.PeerLstmA512.Output[Length * Batch];
    public Case_lstm_512() : base(Peers.PeerLstmA512.Info) => _m = Peers.PeerLstmA512.FromSafeTensors(File);
    public override float Step() { var s = new Peers.PeerLstmA512.Hidden(); float sum = 0; foreach (int t in Tokens) { _m.Step(ref s, t, out var y); sum += y[0]; } return sum; }
    public override float Forward() { _m.Forward(Tokens, _y); return _y[Length - 1][0]; }
    public override float ForwardBatch() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch[Length * Batch - 1][0]; }
    public override float[] Outputs() { _m.Forward(Tokens, _y); return _y.Select(y => y[0]).ToArray(); }
    public override float[] BatchOutputs() { _m.ForwardBatch(BatchTokens, Lengths, _batch); return _batch.Select(y => y[0]).ToArray(); }
}
