using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using RnnGen.Onnx;

namespace RnnGen.Tests.Onnx;

/// <summary>What one run of an exported model in ONNX Runtime gave: y [T, B, Y], hn and cn [L·D, B, H] (cn empty but for an LSTM).</summary>
internal sealed record OrtOutputs(float[] Y, float[] Hn, float[] Cn);

/// <summary>Runs an exported model in ONNX Runtime (one intra-op thread) through the OrtValue API.</summary>
internal sealed class OrtRun : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RnnModelInfo _info;

    public OrtRun(byte[] model, RnnModelInfo info)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _session = new InferenceSession(model, options);
        _info = info;
    }

    public int States => _info.Layers * (_info.Bidirectional ? 2 : 1);

    public IReadOnlyDictionary<string, string> Metadata => _session.ModelMetadata.CustomMetadataMap;

    /// <summary>
    /// A batch of <paramref name="batch"/> sequences of <paramref name="steps"/> steps, time-major: tokens [T, B] as
    /// ids, or x [T, B, InputSize]; h0 and c0 default to zeros.
    /// </summary>
    public OrtOutputs Run(int steps, int batch, long[]? tokens, float[]? xs, float[]? h0 = null, float[]? c0 = null)
    {
        int h = _info.HiddenSize;
        h0 ??= new float[States * batch * h];
        c0 ??= new float[States * batch * h];
        var inputs = new Dictionary<string, OrtValue>();
        try
        {
            inputs[tokens is not null ? OnnxNames.Tokens : OnnxNames.Inputs] = tokens is not null
                ? OrtValue.CreateTensorValueFromMemory(tokens, new long[] { steps, batch })
                : OrtValue.CreateTensorValueFromMemory(xs!, new long[] { steps, batch, _info.InputSize });
            inputs[OnnxNames.InitialHidden] = OrtValue.CreateTensorValueFromMemory(h0, new long[] { States, batch, h });
            if (_info.Cell == SpecWords.Lstm) inputs[OnnxNames.InitialCell] = OrtValue.CreateTensorValueFromMemory(c0, new long[] { States, batch, h });
            using var run = new RunOptions();
            using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(run, inputs, OnnxExporter.OutputNames(_info));
            float[][] values = outputs.Select(o => o.GetTensorDataAsSpan<float>().ToArray()).ToArray();
            return new OrtOutputs(values[0], values[1], values.Length > 2 ? values[2] : Array.Empty<float>());
        }
        finally
        {
            foreach (OrtValue v in inputs.Values) v.Dispose();
        }
    }

    public void Dispose() => _session.Dispose();
}
