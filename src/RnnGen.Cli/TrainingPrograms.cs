using System.Reflection;
using RnnGen.Generated;
using RnnGen.Training;

namespace RnnGen.Cli;

/// <summary>
/// The one place rnngen finds what training needs of a generated model: its <see cref="ITrainingProgram"/> (the generated
/// forward and backward pass through time) and, for one-hot models, its vocabulary without loading weights. A model
/// compiled into rnngen is reached through the generated catalog (<c>ModelCatalog.Training(key)</c>); a spec compiled in
/// memory is known only at run time, so its generated class's static <c>Training</c> and <c>Vocabulary</c> properties
/// are read by reflection.
/// </summary>
internal static class TrainingPrograms
{
    public const string TrainingProperty = "Training";

    public const string VocabularyProperty = "Vocabulary";

    /// <summary>The model's training program, or a failure saying that its generated class has none.</summary>
    public static Result<ITrainingProgram> Find(ChosenModel model)
    {
        if (IsCompiledIn(model)) return Result<ITrainingProgram>.Ok(ModelCatalog.Training(model.Info.Key));
        PropertyInfo? property = model.Type.GetProperty(TrainingProperty, BindingFlags.Public | BindingFlags.Static);
        if (property?.GetValue(null) is ITrainingProgram program) return Result<ITrainingProgram>.Ok(program);
        return Failure.Usage(
            $"model '{model.Info.Key}' cannot be trained by this rnngen: its generated class {model.Info.FullTypeName} has no static " +
            $"'{TrainingProperty}' program");
    }

    /// <summary>The one-hot model's vocabulary, as its generated class holds it, without loading weights; null when it reads bare ids.</summary>
    public static Vocabulary? Vocabulary(ChosenModel model) =>
        model.Type.GetProperty(VocabularyProperty, BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as Vocabulary;

    private static bool IsCompiledIn(ChosenModel model) => model.Type.Assembly == typeof(ModelCatalog).Assembly;
}
