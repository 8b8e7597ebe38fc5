using System.Collections.Generic;
using System.CommandLine;
using System.IO;

namespace RnnGen.Cli.Commands;

/// <summary><c>rnngen init &lt;model&gt; --seed &lt;n&gt; --out &lt;file&gt;</c>: write seeded random weights.</summary>
internal static class InitCommand
{
    public static Command Create(Terminal terminal, IReadOnlyList<RnnModelInfo> models)
    {
        Argument<string> model = CommonOptions.Model(models);
        var seed = new Option<ulong>("--seed")
        {
            Description = "The random generator's seed (0 to 18446744073709551615): the same seed always writes the same bytes.",
            HelpName = "n",
            Required = true,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "The safetensors file to write (overwritten if it exists).",
            HelpName = "file",
            Required = true,
        };
        var command = new Command("init", "Write seeded random (untrained) weights of a model's shapes to a safetensors file.")
        {
            model, seed, output,
        };
        command.SetAction(parsed =>
        {
            Result<RnnModelInfo> info = ModelLookup.Resolve(models, parsed.GetRequiredValue(model)).Map(m => m.Info);
            if (info.Failure is not null) return terminal.Fail(info.Failure);
            string path = parsed.GetRequiredValue(output);
            if (Directory.Exists(path)) return terminal.Fail(Failure.BadInput($"--out '{path}' is a directory; name the file to write"));
            SeededWeights weights = SeededWeights.Create(info.Value, parsed.GetValue(seed));
            byte[] bytes = SafeTensorsFile.Serialize(weights.Tensors, weights.Metadata);
            File.WriteAllBytes(path, bytes);
            return terminal.Print(
                [$"{path}: {info.Value.Key}, seed {Numbers.Int(parsed.GetValue(seed))}, {Numbers.Size(bytes.Length)} bytes ({SeededWeights.Note})"],
                ExitCodes.Success);
        });
        return command;
    }
}
