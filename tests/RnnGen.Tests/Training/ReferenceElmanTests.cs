using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RnnGen.Models;
using RnnGen.Training;
using Xunit;

namespace RnnGen.Tests.Training;

/// <summary>
/// The trainer on a real generated model, the shipped DnaSites (a = 16, x = 6 bases, y = 1 sigmoid), through the
/// hand-written reference backward pass: its gradient against central finite differences, a task it learns, and weights
/// that, written as safetensors, load into the generated class and give the trainer's own outputs.
/// </summary>
public sealed class ReferenceElmanTests
{
    private static ReferenceElmanProgram Program() => new(DnaSites.Info, DnaSites.FromSafeTensors);

    /// <summary>Sequences of bases where a base is a "site" when it is a G directly after a C (the model must remember one step).</summary>
    internal static List<TrainingSequence> Data(int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var data = new List<TrainingSequence>();
        for (int s = 0; s < count; s++)
        {
            int length = 4 + random.NextInt(12);
            var tokens = new int[length];
            var targets = new float[length];
            for (int t = 0; t < length; t++)
            {
                tokens[t] = 1 + random.NextInt(4); // A C G T are 1 to 4 in dna-sites.vocab.txt
                targets[t] = t > 0 && tokens[t - 1] == 2 && tokens[t] == 3 ? 1 : 0;
            }
            data.Add(TrainingSequence.OneHot(tokens, targets));
        }
        return data;
    }

    [Fact]
    public void The_reference_gradient_matches_central_finite_differences()
    {
        ReferenceElmanProgram program = Program();
        float[][] weights = new Trainer(program, new TrainerOptions { Seed = 3 }).InitialParameters();
        List<TrainingSequence> data = Data(2, 1);
        int[] tokens = [.. data[0].Tokens.ToArray(), .. data[1].Tokens.ToArray()];
        float[] targets = [.. data[0].Targets.ToArray(), .. data[1].Targets.ToArray()];
        int[] lengths = [data[0].Length, data[1].Length];
        double Loss(float[][] w)
        {
            var scratch = w.Select(p => new float[p.Length]).ToArray();
            return program.Backward(program.CreateModel(w), w, program.CreateWorkspace(), new SequenceBatch(tokens, default, lengths, targets), scratch);
        }
        float[][] gradient = weights.Select(p => new float[p.Length]).ToArray();
        program.Backward(program.CreateModel(weights), weights, program.CreateWorkspace(), new SequenceBatch(tokens, default, lengths, targets), gradient);
        for (int tensor = 0; tensor < weights.Length; tensor++)
        {
            foreach (int i in new[] { 0, weights[tensor].Length / 2, weights[tensor].Length - 1 })
            {
                const float h = 1e-2f;
                float saved = weights[tensor][i];
                weights[tensor][i] = saved + h;
                double up = Loss(weights);
                weights[tensor][i] = saved - h;
                double down = Loss(weights);
                weights[tensor][i] = saved;
                double numeric = (up - down) / (2 * h);
                Assert.True(Math.Abs(numeric - gradient[tensor][i]) <= 1e-3 * Math.Max(1, Math.Abs(numeric)),
                    $"{DnaSites.Info.Tensors[tensor].Name}[{i}]: finite differences {numeric}, backward {gradient[tensor][i]}");
            }
        }
    }

    [Fact]
    public void A_generated_model_learns_and_its_written_weights_load_into_the_generated_class()
    {
        ReferenceElmanProgram program = Program();
        var options = new TrainerOptions { Epochs = 25, BatchSize = 16, LearningRate = 0.02, Seed = 1, Threads = 2 };
        List<TrainingSequence> validation = Data(40, 2);
        TrainingResult result = new Trainer(program, options).Train(Data(300, 1), validation);
        EpochRecord best = result.History.Epochs[result.History.BestEpoch - 1];
        Assert.True(best.ValidationTokenF1 >= 0.95, $"validation token F1 {best.ValidationTokenF1}");

        string path = Path.Combine(Path.GetTempPath(), "rnngen-dna-" + Guid.NewGuid().ToString("N") + ".safetensors");
        try
        {
            result.Write(path);
            DnaSites loaded = DnaSites.Load(path);
            IRnnModel trained = program.CreateModel(result.Parameters);
            float[][] expected = TaggingEvaluation.Outputs(trained, validation, threads: 1);
            for (int s = 0; s < validation.Count; s++)
            {
                var outputs = new float[validation[s].Length];
                ((IOneHotRnnModel)loaded).Forward(validation[s].Tokens.Span, outputs);
                Assert.Equal(expected[s], outputs);
            }
            Assert.Equal(best.ValidationTokenF1, TaggingEvaluation.Run(loaded, validation).Tokens.Micro.F1);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
