using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RnnGen.Models;
using RnnGen.Training;
using Xunit;

namespace RnnGen.Tests.Training;

/// <summary>The trainer on the generated half of training: the shipped DnaSites' <c>Training</c> program.</summary>
public sealed class GeneratedProgramTests
{
    private static List<TrainingSequence> Data(int count, ulong seed) => ReferenceElmanTests.Data(count, seed);

    [Fact]
    public void The_generated_gradient_agrees_with_the_hand_written_reference()
    {
        ITrainingProgram generated = DnaSites.Training;
        var reference = new ReferenceElmanProgram(DnaSites.Info, DnaSites.FromSafeTensors);
        float[][] weights = new Trainer(generated, new TrainerOptions { Seed = 5 }).InitialParameters();
        List<TrainingSequence> data = Data(6, 3);
        int[] tokens = data.SelectMany(s => s.Tokens.ToArray()).ToArray();
        float[] targets = data.SelectMany(s => s.Targets.ToArray()).ToArray();
        int[] lengths = data.Select(s => s.Length).ToArray();
        float[][] Gradient(ITrainingProgram program, out double loss)
        {
            float[][] g = weights.Select(p => new float[p.Length]).ToArray();
            loss = program.Backward(program.CreateModel(weights), weights, program.CreateWorkspace(), new SequenceBatch(tokens, default, lengths, targets), g);
            return g;
        }
        float[][] expected = Gradient(reference, out double referenceLoss);
        float[][] actual = Gradient(generated, out double generatedLoss);
        Assert.Equal(referenceLoss, generatedLoss, 1e-4);
        for (int t = 0; t < expected.Length; t++)
        {
            for (int i = 0; i < expected[t].Length; i++)
            {
                Assert.True(Math.Abs(expected[t][i] - actual[t][i]) <= 1e-4 * Math.Max(1, Math.Abs(expected[t][i])),
                    $"{DnaSites.Info.Tensors[t].Name}[{i}]: reference {expected[t][i]}, generated {actual[t][i]}");
            }
        }
    }

    [Fact]
    public void The_generated_program_trains_the_same_bits_on_one_or_two_threads_and_its_weights_load_into_the_class()
    {
        var options = new TrainerOptions { Epochs = 25, BatchSize = 16, PartSize = 4, LearningRate = 0.02, Seed = 1, Threads = 1, MaxGradientNorm = 1 };
        List<TrainingSequence> train = Data(300, 1), validation = Data(40, 2);
        TrainingResult one = new Trainer(DnaSites.Training, options).Train(train, validation);
        TrainingResult two = new Trainer(DnaSites.Training, options with { Threads = 2 }).Train(train, validation);
        for (int t = 0; t < one.Parameters.Count; t++)
        {
            Assert.Equal(one.Parameters[t].Select(BitConverter.SingleToInt32Bits), two.Parameters[t].Select(BitConverter.SingleToInt32Bits));
        }
        EpochRecord best = one.History.Epochs[one.History.BestEpoch - 1];
        Assert.True(best.ValidationTokenF1 >= 0.95, $"validation token F1 {best.ValidationTokenF1}");

        string path = Path.Combine(Path.GetTempPath(), "rnngen-dna-" + Guid.NewGuid().ToString("N") + ".safetensors");
        try
        {
            one.Write(path);
            var loaded = (IOneHotRnnModel)DnaSites.Load(path);
            float[][] expected = TaggingEvaluation.Outputs(DnaSites.Training.CreateModel(one.Parameters), validation, threads: 1);
            for (int s = 0; s < validation.Count; s++)
            {
                var outputs = new float[validation[s].Length];
                loaded.Forward(validation[s].Tokens.Span, outputs);
                Assert.Equal(expected[s], outputs);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
