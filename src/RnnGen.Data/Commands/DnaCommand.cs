using System.CommandLine;

namespace RnnGen.Data.Commands;

internal static class DnaCommand
{
    public static Command Create() => new("dna", "todo");
}
