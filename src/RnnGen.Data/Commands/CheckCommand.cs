using System.CommandLine;

namespace RnnGen.Data.Commands;

internal static class CheckCommand
{
    public static Command Create() => new("check", "todo");
}
