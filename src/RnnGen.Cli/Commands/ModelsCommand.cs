using System.Collections.Generic;
using System.CommandLine;

namespace RnnGen.Cli.Commands;

/// <summary><c>rnngen models</c>: the table of compiled models.</summary>
internal static class ModelsCommand
{
    public static Command Create(Terminal terminal, IReadOnlyList<RnnModelInfo> models)
    {
        var command = new Command("models", "List the models compiled into rnngen: key, type, a, x, y and weights file.");
        command.SetAction(_ => terminal.Print(ModelTable.Format(models), ExitCodes.Success));
        return command;
    }
}
