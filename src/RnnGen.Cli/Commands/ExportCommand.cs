using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using RnnGen.Onnx;

namespace RnnGen.Cli.Commands;

/// <summary><c>rnngen export &lt;model&gt; --onnx &lt;file&gt; [--weights &lt;file&gt;]</c>: write the model as a standard ONNX graph.</summary>
internal static class ExportCommand
{
    public static Command Create(Terminal terminal, IReadOnlyList<RnnModelInfo> models)
    {
        Argument<string> model = CommonOptions.Model(models);
        var onnx = new Option<string>("--onnx")
        {
            Description = "The ONNX file to write (overwritten if it exists): Gather, RNN/GRU/LSTM, MatMul, Add and the output's "
                + "activation, operator set " + Numbers.Int(OnnxNames.Opset) + "; vocabulary and labels as metadata.",
            HelpName = "file",
            Required = true,
        };
        Option<string> weights = CommonOptions.Weights(required: false);
        var command = new Command("export", "Write a model with its weights as a standard ONNX model, for ONNX Runtime and other ONNX tools.")
        {
            model, onnx, weights,
        };
        command.SetAction(parsed =>
        {
            Result<ChosenModel> chosen = ModelLookup.Resolve(models, parsed.GetRequiredValue(model));
            if (chosen.Failure is not null) return terminal.Fail(chosen.Failure);
            string path = parsed.GetRequiredValue(onnx);
            if (Directory.Exists(path)) return terminal.Fail(Failure.BadInput($"--onnx '{path}' is a directory; name the file to write"));
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null && !Directory.Exists(folder)) return terminal.Fail(Failure.BadInput($"--onnx '{path}': the folder '{folder}' does not exist"));

            // Loading the model first checks the weights by the model's own rules (and gives its vocabulary); the
            // exporter then reads the same tensors by role.
            string weightsPath = parsed.GetValue(weights) ?? chosen.Value.DefaultWeightsPath;
            IRnnModel loaded = chosen.Value.Load(weightsPath);
            RnnModelInfo info = chosen.Value.Info;
            RecurrentWeights network = RecurrentWeights.Read(info, SafeTensorsFile.Read(weightsPath));
            byte[] bytes = OnnxExporter.Export(network, (loaded as IOneHotRnnModel)?.Vocabulary?.Tokens);
            File.WriteAllBytes(path, bytes);
            return terminal.Print(
                [$"{path}: {info.Key} as ONNX (opset {Numbers.Int(OnnxNames.Opset)}, IR {Numbers.Int(OnnxNames.IrVersion)}), {Numbers.Size(bytes.Length)} bytes",
                 $"  inputs   {string.Join(", ", Inputs(info))}",
                 $"  outputs  {string.Join(", ", Outputs(info))}"],
                ExitCodes.Success);
        });
        return command;
    }

    private static IEnumerable<string> Inputs(RnnModelInfo info)
    {
        string states = States(info);
        yield return info.InputEncoding == SpecWords.OneHot
            ? $"{OnnxNames.Tokens} int64 [{OnnxNames.SequenceAxis}, {OnnxNames.BatchAxis}]"
            : $"{OnnxNames.Inputs} float [{OnnxNames.SequenceAxis}, {OnnxNames.BatchAxis}, {Numbers.Int(info.InputSize)}]";
        yield return $"{OnnxNames.InitialHidden} float {states}";
        if (info.Cell == SpecWords.Lstm) yield return $"{OnnxNames.InitialCell} float {states}";
    }

    private static IEnumerable<string> Outputs(RnnModelInfo info)
    {
        yield return info.Shape == SpecWords.ManyToOne
            ? $"{OnnxNames.Outputs} float [{OnnxNames.BatchAxis}, {Numbers.Int(info.OutputSize)}]"
            : $"{OnnxNames.Outputs} float [{OnnxNames.SequenceAxis}, {OnnxNames.BatchAxis}, {Numbers.Int(info.OutputSize)}]";
        yield return $"{OnnxNames.FinalHidden} float {States(info)}";
        if (info.Cell == SpecWords.Lstm) yield return $"{OnnxNames.FinalCell} float {States(info)}";
    }

    private static string States(RnnModelInfo info) =>
        $"[{Numbers.Int(info.Layers * (info.Bidirectional ? 2 : 1))}, {OnnxNames.BatchAxis}, {Numbers.Int(info.HiddenSize)}]";
}
