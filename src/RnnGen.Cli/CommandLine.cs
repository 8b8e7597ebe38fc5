using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.Linq;
using RnnGen.Cli.Commands;
using RnnGen.Generated;

namespace RnnGen.Cli;

/// <summary>The rnngen command tree, and how a command line becomes an exit code.</summary>
internal static class CommandLine
{
    /// <summary>The command's name in help and messages (the assembly is RnnGen.Cli; see the project file for why).</summary>
    public const string Name = "rnngen";

    public static Command Create(Terminal terminal, IReadOnlyList<RnnModelInfo> models) =>
        new(Name, "List, run, tag, classify, generate with, seed, train and evaluate the RNN models compiled into rnngen, and check model specs.")
        {
            new HelpOption(),
            new VersionOption(),
            ModelsCommand.Create(terminal, models),
            TagCommand.Create(terminal, models),
            RunCommand.Create(terminal, models),
            ClassifyCommand.Create(terminal, models),
            GenerateCommand.Create(terminal, models),
            CheckCommand.Create(terminal),
            InitCommand.Create(terminal, models),
            TrainCommand.Create(terminal, models),
            EvalCommand.Create(terminal, models),
        };

    /// <summary>
    /// Parses and runs <paramref name="args"/>. A parse error is a usage error: one line, exit code 2,
    /// no help dump. Exceptions are not handled here but left to <see cref="Program.Main"/>.
    /// </summary>
    public static int Run(string[] args, Terminal terminal)
    {
        ParseResult parsed = Create(terminal, ModelCatalog.Models).Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action?.ClearsParseErrors != true)
        {
            string errors = string.Join("; ", parsed.Errors.Select(e => e.Message.TrimEnd('.')).Distinct());
            return terminal.Fail(Failure.Usage($"{errors} (see 'rnngen --help')"));
        }
        return parsed.Invoke(new InvocationConfiguration
        {
            Output = terminal.Out,
            Error = terminal.Error,
            EnableDefaultExceptionHandler = false,
        });
    }
}
