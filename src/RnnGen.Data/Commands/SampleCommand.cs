using System.CommandLine;

namespace RnnGen.Data.Commands;

internal static class SampleCommand
{
    public static Command Create() => new("sample", "todo");
}
