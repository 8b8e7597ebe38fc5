using System.CommandLine;

namespace RnnGen.Data.Commands;

internal static class PwmCommand
{
    public static Command Create() => new("pwm", "todo");
}
