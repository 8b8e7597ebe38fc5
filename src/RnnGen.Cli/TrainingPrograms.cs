using System.Reflection;
using RnnGen.Training;

namespace RnnGen.Cli;

/// <summary>
/// The one place rnngen reaches into a generated model class for what training needs, by the generator's contract:
/// the static property <c>Training</c> (the model's <see cref="ITrainingProgram"/>, its generated forward and backward
/// pass) and, for one-hot models, the static property <c>Vocabulary</c>. The class is the compiled-in model's or the
/// one a spec was compiled into in memory (<see cref="ChosenModel.Type"/>), so both are found the same way.
/// </summary>
/// <remarks>
/// Reflection, because the generator of this branch does not emit <c>Training</c> yet (issue 7, part 1) and the tool must
/// compile without it. When it does, the compiled-in models can be reached without reflection through the generated
/// catalog (<c>ModelCatalog.Training(key)</c>); a spec compiled in memory is only known at run time and stays as it is.
/// </remarks>
internal static class TrainingPrograms
{
    public const string TrainingProperty = "Training";

    public const string VocabularyProperty = "Vocabulary";

    /// <summary>The model's training program, or a failure saying that its generated class has none.</summary>
    public static Result<ITrainingProgram> Find(ChosenModel model)
    {
        PropertyInfo? property = model.Type.GetProperty(TrainingProperty, BindingFlags.Public | BindingFlags.Static);
        if (property?.GetValue(null) is ITrainingProgram program) return Result<ITrainingProgram>.Ok(program);
        return Failure.Usage(
            $"model '{model.Info.Key}' cannot be trained by this rnngen: its generated class {model.Info.FullTypeName} has no static " +
            $"'{TrainingProperty}' program (the generated backward pass of issue 7 is not in this build)");
    }

    /// <summary>The one-hot model's vocabulary, as its generated class holds it, without loading weights; null when it reads bare ids.</summary>
    public static Vocabulary? Vocabulary(ChosenModel model) =>
        model.Type.GetProperty(VocabularyProperty, BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as Vocabulary;
}
