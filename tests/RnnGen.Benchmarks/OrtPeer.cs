using System;
using System.Collections.Generic;
using Microsoft.ML.OnnxRuntime;
using RnnGen.Onnx;

namespace RnnGen.Benchmarks;

/// <summary>
/// ONNX Runtime on a case's exported model, the way a careful caller runs it: one intra-op thread, sequential
/// execution, every optimisation, the OrtValue API over pinned arrays created once (inputs and outputs), so a run
/// allocates as little as ORT lets it. Three modes: a sentence per run, a token per run with hn (and cn) fed back as
/// h0 (and c0) through two sets of state buffers used in turn, and the batch of 64 sentences per run.
/// </summary>
internal sealed class OrtPeer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly List<IDisposable> _owned = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _sentenceIn, _sentenceOut, _batchIn, _batchOut;
    private readonly OrtValue[][] _tokenIn = new OrtValue[2][], _tokenOut = new OrtValue[2][];
    private readonly long[] _token = new long[1];
    private readonly int[] _tokens;
    private int _turn;

    public OrtPeer(PeerCase c)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(c.Onnx(), options);
        RnnModelInfo info = c.Info;
        bool lstm = info.Cell == SpecWords.Lstm;
        _inputNames = [.. OnnxExporter.InputNames(info)];
        _outputNames = [.. OnnxExporter.OutputNames(info)];
        int h = info.HiddenSize, T = PeerCase.Length, B = PeerCase.Batch;
        _tokens = c.Tokens;

        OrtValue Floats(int length, params long[] shape) => Own(OrtValue.CreateTensorValueFromMemory(new float[length], shape));
        OrtValue[] States(int batch) => lstm ? [Floats(batch * h, 1, batch, h), Floats(batch * h, 1, batch, h)] : [Floats(batch * h, 1, batch, h)];
        OrtValue[] With(OrtValue x, OrtValue[] states) => [x, .. states];

        long[] sentence = Array.ConvertAll(c.Tokens, t => (long)t);
        _sentenceIn = With(Own(OrtValue.CreateTensorValueFromMemory(sentence, [T, 1])), States(1));
        _sentenceOut = With(Floats(T, T, 1, 1), States(1));

        // ONNX's recurrent operators read time-major: token t of sentence b at [t, b].
        var batch = new long[T * B];
        for (int b = 0; b < B; b++) for (int t = 0; t < T; t++) batch[t * B + b] = c.BatchTokens[b * T + t];
        _batchIn = With(Own(OrtValue.CreateTensorValueFromMemory(batch, [T, B])), States(B));
        _batchOut = With(Floats(T * B, T, B, 1), States(B));

        OrtValue token = Own(OrtValue.CreateTensorValueFromMemory(_token, [1, 1]));
        OrtValue y = Floats(1, 1, 1, 1);
        OrtValue[] a = States(1), bStates = States(1);
        _tokenIn[0] = With(token, a);
        _tokenOut[0] = With(y, bStates);
        _tokenIn[1] = With(token, bStates);
        _tokenOut[1] = With(y, a);
    }

    private OrtValue Own(OrtValue value)
    {
        _owned.Add(value);
        return value;
    }

    /// <summary>The sentence in one run from the zero state; returns ŷ&lt;T&gt;.</summary>
    public float Sentence()
    {
        _session.Run(_run, _inputNames, _sentenceIn, _outputNames, _sentenceOut);
        return _sentenceOut[0].GetTensorDataAsSpan<float>()[PeerCase.Length - 1];
    }

    /// <summary>The sentence's outputs from one run.</summary>
    public float[] SentenceOutputs()
    {
        Sentence();
        return _sentenceOut[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>The sentence one token per run, the state fed back; returns the sum of the outputs (and fills <paramref name="outputs"/>).</summary>
    public float Tokens(float[]? outputs = null)
    {
        foreach (OrtValue state in _tokenIn[0].AsSpan(1)) state.GetTensorMutableDataAsSpan<float>().Clear();
        _turn = 0;
        float sum = 0;
        for (int t = 0; t < _tokens.Length; t++)
        {
            _token[0] = _tokens[t];
            _session.Run(_run, _inputNames, _tokenIn[_turn], _outputNames, _tokenOut[_turn]);
            float y = _tokenOut[_turn][0].GetTensorDataAsSpan<float>()[0];
            sum += y;
            if (outputs is not null) outputs[t] = y;
            _turn ^= 1;
        }
        return sum;
    }

    /// <summary>The 64 sentences in one run.</summary>
    public float Batch()
    {
        _session.Run(_run, _inputNames, _batchIn, _outputNames, _batchOut);
        return _batchOut[0].GetTensorDataAsSpan<float>()[0];
    }

    /// <summary>The batch's outputs, one sentence after another.</summary>
    public float[] BatchOutputs()
    {
        Batch();
        ReadOnlySpan<float> y = _batchOut[0].GetTensorDataAsSpan<float>();
        int T = PeerCase.Length, B = PeerCase.Batch;
        var result = new float[T * B];
        for (int b = 0; b < B; b++) for (int t = 0; t < T; t++) result[b * T + t] = y[t * B + b];
        return result;
    }

    public void Dispose()
    {
        foreach (IDisposable d in _owned) d.Dispose();
        _run.Dispose();
        _session.Dispose();
    }
}
