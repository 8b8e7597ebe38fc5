using System;
using System.CommandLine;
using System.IO;
using RnnGen.Generators.Specs;

namespace RnnGen.Cli.Commands;

/// <summary><c>rnngen check &lt;spec&gt;</c>: run the generator's spec pipeline outside a build.</summary>
internal static class CheckCommand
{
    public static Command Create(Terminal terminal)
    {
        var spec = new Argument<string>("spec") { Description = "A model spec file (models/<key>.rnn.json)." };
        var command = new Command("check", "Check a model spec as the build would, printing its diagnostics in the compiler's format.")
        {
            spec,
        };
        command.SetAction(parsed =>
        {
            string path = Path.GetFullPath(parsed.GetRequiredValue(spec));
            switch (InputFiles.Probe(path).State)
            {
                case FileState.Directory: return terminal.Fail(Failure.BadInput($"the spec '{path}' is a directory, not a file"));
                case FileState.NotOnDisk: return terminal.Fail(Failure.BadInput($"cannot find the spec '{path}'"));
            }
            string folder = Path.GetDirectoryName(path)!;
            StepResult<Generators.Model.ModelSpec> result =
                SpecPipeline.Check(SpecFiles.Read(path, InputFiles.MaxSpecBytes, "a spec"), ReadVocabulary, folder);
            CheckReport report = CheckReport.From(Path.GetFileName(path), result);
            return terminal.Print(report.Lines, report.ExitCode);
        });
        return command;
    }

    /// <summary>
    /// The vocabulary the spec names (the pipeline asks for no other file), or null when there is no such file, as the
    /// build would not have it among its AdditionalFiles; a file that is not read or cannot be read carries the reason,
    /// which the pipeline reports at the file.
    /// </summary>
    private static SpecFile? ReadVocabulary(string path)
    {
        // The build hands the generator only *.txt and *.vocab files; check sees what the build sees.
        if (!Generators.RnnModelGenerator.IsVocabularyCandidate(path) || InputFiles.Probe(path).State == FileState.NotOnDisk) return null;
        return SpecFiles.Read(path, InputFiles.MaxVocabularyBytes, "a vocabulary");
    }
}
