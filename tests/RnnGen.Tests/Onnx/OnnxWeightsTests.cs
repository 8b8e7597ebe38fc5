using System;
using System.Collections.Generic;
using System.Linq;
using RnnGen.Models;
using RnnGen.Onnx;
using Xunit;

namespace RnnGen.Tests.Onnx;

/// <summary>
/// <see cref="RecurrentWeights.Read"/> follows the generated loader's rules: a textbook model's file may hold the
/// textbook's names or PyTorch's nn.RNN + nn.Linear names (whose two biases the exporter keeps apart, as B's Wb and Rb),
/// and both export to a graph that computes what the model loaded from that file computes.
/// </summary>
public sealed class OnnxWeightsTests
{
    [Fact]
    public void A_textbook_model_exports_the_same_from_textbook_and_from_PyTorch_names()
    {
        IReadOnlyList<Tensor> textbook = RandomWeights.Create(DnaSites.HiddenSize, DnaSites.InputSize, DnaSites.OutputSize, seed: 4);
        float[] T(string name) => textbook.Single(t => t.Name == name).Data;
        int h = DnaSites.HiddenSize;
        var bhh = Enumerable.Range(0, h).Select(i => 0.01f * (i - 8)).ToArray();
        var ba = T("ba").Select((b, i) => b - bhh[i]).ToArray();   // so that b_ih + b_hh is the textbook's ba again (to rounding)
        Tensor[] pyTorch =
        {
            new("rnn.weight_ih_l0", new[] { h, DnaSites.InputSize }, T("Wax")),
            new("rnn.weight_hh_l0", new[] { h, h }, T("Waa")),
            new("rnn.bias_ih_l0", new[] { h }, ba),
            new("rnn.bias_hh_l0", new[] { h }, bhh),
            new("head.weight", new[] { DnaSites.OutputSize, h }, T("Wya")),
            new("head.bias", new[] { DnaSites.OutputSize }, T("by")),
        };
        int[] tokens = { 1, 2, 3, 4, 0, 5, 2 };
        foreach (IReadOnlyList<Tensor> tensors in new[] { textbook, pyTorch })
        {
            SafeTensorsFile file = SafeTensorsFile.Parse(SafeTensorsFile.Serialize(tensors), "weights");
            var expected = new float[tokens.Length];
            ((IOneHotRnnModel)DnaSites.FromSafeTensors(file)).Forward(tokens, expected);
            using var ort = new OrtRun(OnnxExporter.Export(RecurrentWeights.Read(DnaSites.Info, file), DnaSites.Vocabulary.Tokens), DnaSites.Info);
            float[] got = ort.Run(tokens.Length, 1, tokens.Select(t => (long)t).ToArray(), null).Y;
            for (int t = 0; t < tokens.Length; t++) Assert.True(Math.Abs(expected[t] - got[t]) <= 1e-6, $"{tensors[0].Name} file, t={t}: {got[t]} vs {expected[t]}");
        }
    }

    [Fact]
    public void A_file_without_the_models_tensors_is_refused_by_name()
    {
        SafeTensorsFile file = SafeTensorsFile.Parse(SafeTensorsFile.Serialize(new[] { new Tensor("other", new[] { 2 }, new float[2]) }), "weights.safetensors");
        var e = Assert.Throws<WeightsException>(() => RecurrentWeights.Read(DnaSites.Info, file));
        Assert.Contains("weights.safetensors", e.Message, StringComparison.Ordinal);
    }
}
