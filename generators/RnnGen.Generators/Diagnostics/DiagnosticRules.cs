using System;
using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Generators.Diagnostics;

/// <summary>Every rule RnnGen reports. Ids are stable: never reuse or renumber one.</summary>
internal static class DiagnosticRules
{
    public static readonly DiagnosticRule InvalidJson = new(
        "RNN0001", "The spec is not valid JSON",
        "The spec is not valid JSON: {0}", RuleSeverity.Error);

    public static readonly DiagnosticRule MissingProperty = new(
        "RNN0002", "A required property is missing",
        "{0} is missing the required property '{1}': {2}", RuleSeverity.Error);

    public static readonly DiagnosticRule UnknownProperty = new(
        "RNN0003", "Unknown property",
        "Unknown property '{0}' in {1}; {2}", RuleSeverity.Error);

    public static readonly DiagnosticRule WrongType = new(
        "RNN0004", "A value has the wrong JSON type",
        "{0} must be {1}, but it is {2}", RuleSeverity.Error);

    public static readonly DiagnosticRule SizeOutOfRange = new(
        "RNN0005", "A size is not a whole number in range",
        "{0} must be a whole number from {1} to {2}, but it is {3}", RuleSeverity.Error);

    public static readonly DiagnosticRule UnknownActivation = new(
        "RNN0006", "Unknown activation function",
        "'{0}' is not an activation RnnGen knows for {1}; use one of {2}{3}", RuleSeverity.Error);

    public static readonly DiagnosticRule UnknownEncoding = new(
        "RNN0007", "Unknown input encoding",
        "'{0}' is not an input encoding; use one of {1}{2}", RuleSeverity.Error);

    public static readonly DiagnosticRule UnknownTokenizer = new(
        "RNN0008", "Unknown tokenizer",
        "'{0}' is not a tokenizer; use one of {1}{2}", RuleSeverity.Error);

    public static readonly DiagnosticRule InvalidTypeName = new(
        "RNN0009", "The model name is not a usable C# type name",
        "'{0}' cannot be the model's C# type name: {1}", RuleSeverity.Error);

    public static readonly DiagnosticRule InvalidNamespace = new(
        "RNN0010", "The namespace is not a valid C# namespace",
        "'{0}' is not a valid C# namespace: {1}", RuleSeverity.Error);

    public static readonly DiagnosticRule VocabularyNotFound = new(
        "RNN0011", "The vocabulary file is not part of the build",
        "The vocabulary '{0}' (looked for at '{1}') is not among the build's additional files; put it next to the spec under the models folder with a .txt or .vocab extension, or add it as an AdditionalFiles item", RuleSeverity.Error);

    public static readonly DiagnosticRule VocabularyWithoutUnknown = new(
        "RNN0012", "The vocabulary has no <UNK> token",
        "The vocabulary '{0}' has no line '<UNK>'; add one so that words outside the vocabulary have an index", RuleSeverity.Error);

    public static readonly DiagnosticRule DuplicateToken = new(
        "RNN0013", "A vocabulary token appears twice",
        "The token '{0}' is on line {1} and again on line {2}; each token must appear once, because its line number is its index", RuleSeverity.Error);

    public static readonly DiagnosticRule InvalidToken = new(
        "RNN0014", "A vocabulary line is not a token",
        "Line {0} of the vocabulary {1}; write one token per line, with no blank lines and no spaces or tabs inside a token", RuleSeverity.Error);

    public static readonly DiagnosticRule InputSizeMismatch = new(
        "RNN0015", "x.size disagrees with the vocabulary",
        "x.size is {0} but the vocabulary '{1}' has {2} tokens; the one-hot input size is the vocabulary's line count, so remove x.size or make it {2}", RuleSeverity.Error);

    public static readonly DiagnosticRule LabelCountMismatch = new(
        "RNN0016", "The number of labels differs from y.size",
        "y.labels has {0} but y.size is {1}; give exactly one label per output", RuleSeverity.Error);

    public static readonly DiagnosticRule InvalidLabel = new(
        "RNN0017", "A label is empty, repeated or unprintable",
        "The label {0} {1}; labels must be unique, non-empty strings of printable characters", RuleSeverity.Error);

    public static readonly DiagnosticRule OneHotOnly = new(
        "RNN0018", "A one-hot-only property is used with dense input",
        "x.{0} applies only to one-hot input, but x.encoding is 'dense'; remove x.{0} or set x.encoding to 'one-hot'", RuleSeverity.Error);

    public static readonly DiagnosticRule InvalidWeightsPath = new(
        "RNN0019", "The weights path is not a usable safetensors path",
        "weights '{0}' {1}; name a .safetensors file relative to the spec, such as \"{2}.safetensors\"", RuleSeverity.Error);

    public static readonly DiagnosticRule DuplicateProperty = new(
        "RNN0020", "A property appears twice",
        "The property '{0}' appears twice in {1}; remove one of them", RuleSeverity.Error);

    public static readonly DiagnosticRule DuplicateModel = new(
        "RNN0021", "Two specs define the same C# type",
        "The type '{0}' is already generated from '{1}'; give this spec another 'name' or 'namespace'", RuleSeverity.Error);

    public static readonly DiagnosticRule SoftmaxOfOne = new(
        "RNN0022", "Softmax over a single output is always 1",
        "softmax over y.size = 1 always outputs 1.0; use 'sigmoid' for a yes/no output, or raise y.size to the number of classes", RuleSeverity.Warning);

    public static readonly DiagnosticRule DuplicateKey = new(
        "RNN0023", "Two specs have the same file name",
        "Another spec is also named '{0}.rnn.json' ('{1}'); tools find models by file name, so only that one is in the model catalog; rename one of the files", RuleSeverity.Warning);

    public static readonly DiagnosticRule InvalidVocabularyPath = new(
        "RNN0024", "The vocabulary path leaves the models folder",
        "x.vocabulary '{0}' {1}; name a file relative to the spec, inside the models folder, such as \"{2}.vocab.txt\"", RuleSeverity.Error);

    public static readonly DiagnosticRule ModelTooLarge = new(
        "RNN0025", "The model's weights do not fit in memory",
        "{0} needs {1}, more than the {2} that {3}; make {4} smaller", RuleSeverity.Error);

    public static readonly DiagnosticRule UnknownCell = new(
        "RNN0026", "Unknown recurrent cell",
        "'{0}' is not a recurrent cell RnnGen knows; use one of {1}{2}", RuleSeverity.Error);

    public static readonly DiagnosticRule FixedActivation = new(
        "RNN0027", "The cell's activation is fixed",
        "a.activation '{0}' cannot apply to {1}: its gates use sigmoid and its state tanh, as in PyTorch; remove 'activation' or write \"tanh\"", RuleSeverity.Error);

    public static readonly DiagnosticRule InvalidModulePath = new(
        "RNN0028", "A module path is not a state_dict prefix",
        "modules.{0} '{1}' {2}; write the module's path as the weights file's names start, such as \"{3}\" for {3}.{4}", RuleSeverity.Error);

    public static readonly DiagnosticRule ModuleNotInModel = new(
        "RNN0029", "The model has no such module",
        "modules.{0} names the path of {1}, but this model has none: {2}; remove modules.{0}", RuleSeverity.Error);

    public static readonly DiagnosticRule DuplicateModulePath = new(
        "RNN0030", "Two modules have the same path",
        "modules.{0} '{1}' is also the path of {2}; each module's tensors need a prefix of their own, as in a PyTorch state_dict", RuleSeverity.Error);

    public static readonly DiagnosticRule FileNotRead = new(
        "RNN0031", "A file is not read",
        "RnnGen does not read this file: {0}", RuleSeverity.Error);

    public static readonly DiagnosticRule TooManyProblems = new(
        "RNN0032", "Too many problems in one file",
        "{0} more errors in this file are not reported, the first of them here; fix the {1} reported and build again", RuleSeverity.Error);

    public static readonly DiagnosticRule LabelWithoutProperty = new(
        "RNN0033", "A label gets no property",
        "These labels get no property on the Output type: {0}; read them by index (output[k] and Labels[k]), or rename them to make distinct C# identifiers", RuleSeverity.Warning);

    public static readonly DiagnosticRule TextTooLong = new(
        "RNN0034", "A text value is too long",
        "{0} is {1} characters long, more than the {2} RnnGen accepts", RuleSeverity.Error);

    public static readonly DiagnosticRule TypeIsNamespace = new(
        "RNN0035", "A model's type is another model's namespace",
        "'{0}' is both the type of a model and a namespace of another ('{1}'); give this spec another 'name' or 'namespace'", RuleSeverity.Error);

    public static readonly DiagnosticRule UnknownShape = new(
        "RNN0036", "Unknown sequence shape",
        "'{0}' is not a sequence shape; use one of {1}{2}", RuleSeverity.Error);

    public static readonly DiagnosticRule ShapeConflict = new(
        "RNN0037", "The model cannot have this shape",
        "A '{0}' model cannot have {1}: {2}", RuleSeverity.Error);

    public static readonly DiagnosticRule InternalError = new(
        "RNN0099", "RnnGen failed unexpectedly",
        "RnnGen failed on this file: {0}; unless the cause is named in the message, this is a bug in RnnGen: please report it with the spec", RuleSeverity.Error);

    /// <summary>All rules, in id order.</summary>
    public static IReadOnlyList<DiagnosticRule> All { get; } = new[]
    {
        InvalidJson, MissingProperty, UnknownProperty, WrongType, SizeOutOfRange, UnknownActivation,
        UnknownEncoding, UnknownTokenizer, InvalidTypeName, InvalidNamespace, VocabularyNotFound,
        VocabularyWithoutUnknown, DuplicateToken, InvalidToken, InputSizeMismatch, LabelCountMismatch,
        InvalidLabel, OneHotOnly, InvalidWeightsPath, DuplicateProperty, DuplicateModel, SoftmaxOfOne, DuplicateKey, InvalidVocabularyPath, ModelTooLarge,
        UnknownCell, FixedActivation, InvalidModulePath, ModuleNotInModel, DuplicateModulePath, FileNotRead, TooManyProblems, LabelWithoutProperty, TextTooLong, TypeIsNamespace, UnknownShape, ShapeConflict, InternalError,
    };

    private static readonly Dictionary<string, DiagnosticRule> s_byId = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

    public static DiagnosticRule ById(string id) =>
        s_byId.TryGetValue(id, out DiagnosticRule? rule) ? rule : throw new ArgumentException("Unknown diagnostic id " + id, nameof(id));
}
