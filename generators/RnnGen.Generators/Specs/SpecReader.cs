using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using RnnGen.Generators.Diagnostics;
using RnnGen.Generators.Json;
using RnnGen.Generators.Model;

namespace RnnGen.Generators.Specs;

/// <summary>
/// Step 1 of the pipeline: spec text → <see cref="SpecDraft"/>. Parses the JSON and checks every
/// field on its own (types, ranges, option names, identifiers, paths), reporting every problem it
/// finds at the value that causes it, not only the first.
/// </summary>
internal static class SpecReader
{
    public const string SpecExtension = SpecWords.SpecExtension;
    public const string DefaultNamespace = "RnnGen.Models";
    public const int MaxHiddenSize = 4096;
    public const int MaxInputSize = 1_000_000;
    public const int MaxOutputSize = 100_000;
    public const int MaxLayers = 8;
    public const int MaxEmbeddingSize = 4096;

    /// <summary>The longest model name: the generated files are named "{namespace}.{name}.Vocabulary.g.cs", at most 255 bytes.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The longest namespace (with <see cref="MaxNameLength"/>, a generated file name stays under 255 bytes).</summary>
    public const int MaxNamespaceLength = 128;

    /// <summary>The longest description: it is a string literal of the generated code and its XML docs.</summary>
    public const int MaxDescriptionLength = 2000;

    /// <summary>The longest label: it is a string of the generated code and the name of a property.</summary>
    public const int MaxLabelLength = 100;

    /// <summary>The longest weights or vocabulary path, relative to the spec.</summary>
    public const int MaxPathLength = 256;

    /// <summary>The longest module path (modules.*): each tensor's name is it and the tensor's own name.</summary>
    public const int MaxModulePathLength = 200;

    internal static readonly string[] RootProperties = { "$schema", "name", "namespace", "description", "shape", "a", "x", "y", "weights", "modules" };
    internal static readonly string[] HiddenProperties = { "size", "activation", "cell", "layers", "bidirectional" };
    internal static readonly string[] InputProperties = { "encoding", "size", "vocabulary", "tokenizer", "embedding" };
    internal static readonly string[] OutputProperties = { "size", "activation", "labels" };
    internal static readonly string[] ModuleProperties = SpecWords.Modules.ToArray();

    /// <summary>A value from the spec as a message shows it: at most <see cref="DiagnosticText.MaxValueLength"/> characters.</summary>
    private static string Clip(string value) => DiagnosticText.Clip(value);

    /// <summary>The model's key: the spec's file name without <c>.rnn.json</c>.</summary>
    public static string KeyOf(string specPath)
    {
        string fileName = System.IO.Path.GetFileName(specPath);
        return fileName.EndsWith(SpecExtension, StringComparison.OrdinalIgnoreCase)
            ? fileName.Substring(0, fileName.Length - SpecExtension.Length)
            : fileName;
    }

    public static StepResult<SpecDraft> Read(SpecFile file, string modelsDirectory)
    {
        if (file.ReadError is not null)
        {
            return StepResult<SpecDraft>.Failed(DiagnosticInfo.Create(DiagnosticRules.InternalError, file.Path, TextRange.FileStart, file.ReadError));
        }
        if (file.Refusal is not null)
        {
            return StepResult<SpecDraft>.Failed(DiagnosticInfo.Create(DiagnosticRules.FileNotRead, file.Path, TextRange.FileStart, file.Refusal));
        }
        if (DiagnosticText.WideEncoding(file.Text) is string encoding)
        {
            return StepResult<SpecDraft>.Failed(DiagnosticInfo.Create(DiagnosticRules.InvalidJson, file.Path, TextRange.FileStart,
                encoding + "; save it as UTF-8"));
        }
        if (file.NotUtf8At >= 0)
        {
            return StepResult<SpecDraft>.Failed(DiagnosticInfo.Create(DiagnosticRules.InvalidJson, file.Path,
                new LineMap(file.Text).Range(file.NotUtf8At, 1), Utf8Check.Message(file.NotUtf8Byte)));
        }
        if (file.Text.IndexOf(Utf8Check.Replacement) is int replaced and >= 0)
        {
            return StepResult<SpecDraft>.Failed(DiagnosticInfo.Create(DiagnosticRules.InvalidJson, file.Path,
                new LineMap(file.Text).Range(replaced, 1), Utf8Check.ReplacementMessage));
        }
        JsonParseResult parsed = JsonParser.Parse(file.Text);
        if (parsed.Value is null)
        {
            return StepResult<SpecDraft>.Failed(DiagnosticInfo.Create(DiagnosticRules.InvalidJson, file.Path, parsed.ErrorRange, parsed.Error!));
        }
        var reader = new Reader(file.Path);
        SpecDraft? draft = reader.ReadRoot(parsed.Value, modelsDirectory);
        bool failed = reader.Errors > 0;
        return new StepResult<SpecDraft>(failed ? null : draft, DiagnosticText.Capped(reader.Diagnostics, reader.Errors));
    }

    private sealed class Reader
    {
        private readonly string _path;

        public Reader(string path) => _path = path;

        /// <summary>The warnings, and the first errors (<see cref="DiagnosticText.Keeps"/>): a spec's count is unbounded.</summary>
        public List<DiagnosticInfo> Diagnostics { get; } = new();

        /// <summary>How many errors were found, kept or not.</summary>
        public int Errors { get; private set; }

        private void Report(DiagnosticRule rule, TextRange range, params string[] args)
        {
            if (rule.Severity == RuleSeverity.Error && !DiagnosticText.Keeps(++Errors)) return;
            Diagnostics.Add(DiagnosticInfo.Create(rule, _path, range, args));
        }

        /// <summary>RNN0034 when <paramref name="value"/> is longer than <paramref name="max"/>; whether it was.</summary>
        private bool TooLong(string value, int max, string field, TextRange range)
        {
            if (value.Length <= max) return false;
            Report(DiagnosticRules.TextTooLong, range, field, value.Length.ToString("#,0", CultureInfo.InvariantCulture), max.ToString("#,0", CultureInfo.InvariantCulture));
            return true;
        }

        public SpecDraft? ReadRoot(JsonNode node, string modelsDirectory)
        {
            if (node is not JsonObject root)
            {
                Report(DiagnosticRules.WrongType, node.Range, "The spec", "a JSON object such as { \"name\": \"MyModel\", ... }", node.KindName);
                return null;
            }
            TextRange rootAnchor = FirstCharacter(root.Range);
            var props = Properties(root, RootProperties, "the spec");

            string? name = RequiredString(props, "name", "The spec", rootAnchor, "the C# type name of the model, such as \"NameTagger\"", out TextRange nameRange);
            if (name is not null) name = CheckTypeName(name, nameRange);

            string ns = DefaultNamespace;
            if (props.TryGetValue("namespace", out JsonProperty? nsProp))
            {
                string? value = StringValue(nsProp, "namespace");
                if (value is not null) ns = CheckNamespace(value, nsProp.Value.Range) ?? ns;
            }

            string description = "";
            if (props.TryGetValue("description", out JsonProperty? descProp))
            {
                description = StringValue(descProp, "description") ?? "";
                if (TooLong(description, MaxDescriptionLength, "description", descProp.Value.Range)) description = "";
            }

            HiddenDraft? hidden = ReadHidden(props, rootAnchor);
            InputDraft? input = ReadInput(props, rootAnchor);
            OutputDraft? output = ReadOutput(props, rootAnchor);
            (SequenceShape? shape, TextRange shapeRange) = ReadShape(props, rootAnchor);
            if (shape is SequenceShape known && !ShapeFits(known, props, hidden, input, output)) shape = null;

            string? weights = RequiredString(props, "weights", "The spec", rootAnchor,
                "the .safetensors file, relative to the spec, that holds Waa, Wax, ba, Wya and by", out TextRange weightsRange);
            if (weights is not null && TooLong(weights, MaxPathLength, "weights", weightsRange)) weights = null;
            if (weights is not null) weights = CheckWeights(weights, weightsRange);
            ModulePrefixes? modules = ReadModules(props, input);

            if (name is not null && GeneratedNames.TypeCollision(ns, name) is string collision)
            {
                Report(DiagnosticRules.InvalidTypeName, nameRange, Clip(name), collision);
                name = null;
            }
            if (name is not null && ns + "." + name == GeneratedNames.ImplementationNamespace)
            {
                Report(DiagnosticRules.InvalidTypeName, nameRange, Clip(name),
                    $"in the namespace {ns} the type would take the name of the namespace {GeneratedNames.ImplementationNamespace}, where RnnGen puts its own generated code");
                name = null;
            }

            if (name is not null && output is not null) LabelsWithoutProperty(name, output);
            if (name is null || hidden is null || input is null || output is null || weights is null || modules is null || shape is null) return null;

            string specDirectory = System.IO.Path.GetDirectoryName(_path) ?? "";
            string vocabularyFullPath = input.Vocabulary.Length == 0 ? "" : FullPath(specDirectory, input.Vocabulary);
            return new SpecDraft(
                _path, KeyOf(_path), name, nameRange, ns, description,
                hidden.Size, hidden.Activation, hidden.Cell, hidden.Layers, hidden.Bidirectional,
                input.Encoding, input.Size, input.SizeRange, input.Tokenizer, input.Vocabulary, vocabularyFullPath, input.VocabularyRange, input.Embedding,
                output.Size, output.Activation, output.Labels,
                WeightsRelativeToModels(specDirectory, weights, modelsDirectory), modules,
                shape.Value, shapeRange, output.SizeRange);
        }

        /// <summary>The spec's <c>shape</c>, <c>many-to-many</c> when it has none, and where it is written.</summary>
        private (SequenceShape? Shape, TextRange Range) ReadShape(IReadOnlyDictionary<string, JsonProperty> root, TextRange rootAnchor)
        {
            if (!root.TryGetValue("shape", out JsonProperty? p)) return (SequenceShape.ManyToMany, rootAnchor);
            string? value = StringValue(p, "shape");
            if (value is null) return (null, p.Value.Range);
            if (!SpecWords.Shapes.Contains(value))
            {
                Report(DiagnosticRules.UnknownShape, p.Value.Range, Clip(value), Quoted(SpecWords.Shapes), Suggest(value, SpecWords.Shapes));
                return (null, p.Value.Range);
            }
            return (SpecNames.ParseShape(value), p.Value.Range);
        }

        /// <summary>
        /// RNN0037 at every property that a shape cannot have: a generator feeds each sampled output back as its next
        /// input (one-hot x, softmax y without labels, forward only); a classifier's head reads one final state, which a
        /// bidirectional model does not have. Whether the parts that were read fit; a part that was not read is not checked.
        /// </summary>
        private bool ShapeFits(SequenceShape shape, IReadOnlyDictionary<string, JsonProperty> root, HiddenDraft? hidden, InputDraft? input, OutputDraft? output)
        {
            if (shape == SequenceShape.ManyToMany) return true;
            string name = shape.Name();
            bool ok = true;
            void Conflict(string objectName, string property, string what, string why)
            {
                JsonProperty? p = root.TryGetValue(objectName, out JsonProperty? o) && o.Value is JsonObject obj
                    ? obj.Properties.FirstOrDefault(q => q.Name == property)
                    : null;
                Report(DiagnosticRules.ShapeConflict, p?.Value.Range ?? root["shape"].Value.Range, name, what, why);
                ok = false;
            }
            if (hidden is { Bidirectional: true })
            {
                Conflict("a", "bidirectional", "a.bidirectional true", shape == SequenceShape.OneToMany
                    ? "a generator feeds each output back as its next input, so it runs forward only; remove a.bidirectional"
                    : "a classifier's head reads the state after the last input, and a bidirectional model has two (the forward one at the end, the backward one at the start); remove a.bidirectional, or use shape 'many-to-many'");
            }
            if (shape != SequenceShape.OneToMany) return ok;
            if (input is { Encoding: InputEncoding.Dense })
            {
                Conflict("x", "encoding", "x.encoding 'dense'",
                    "a generator feeds each sampled token back as its next input, so x must be 'one-hot' over the tokens ŷ is a softmax over");
            }
            if (output is not null && output.Activation != Activation.Softmax)
            {
                Conflict("y", "activation", $"y.activation '{output.Activation.Name()}'",
                    "a generator samples its next token from ŷ, which must be a 'softmax' over its vocabulary");
            }
            if (output is not null && output.Labels.Count > 0)
            {
                Conflict("y", "labels", "y.labels", "a generator's outputs are its vocabulary's tokens, output k token k; remove y.labels");
            }
            if (input is { Size: int xSize } && output is not null && xSize != output.Size)
            {
                Conflict("y", "size", "y.size " + output.Size.ToString(CultureInfo.InvariantCulture),
                    $"a generator's ŷ is a softmax over its {xSize.ToString(CultureInfo.InvariantCulture)} input tokens (x.size), so y.size must be {xSize.ToString(CultureInfo.InvariantCulture)}");
            }
            return ok;
        }

        /// <summary>
        /// The spec's <c>modules</c>: each module's path in the weights file's state_dict. Without it, the defaults
        /// (found under other prefixes too); with it, the names are exact, a module left out under its default.
        /// </summary>
        private ModulePrefixes? ReadModules(IReadOnlyDictionary<string, JsonProperty> root, InputDraft? input)
        {
            if (!root.TryGetValue("modules", out JsonProperty? modulesProp)) return ModulePrefixes.Default;
            if (modulesProp.Value is not JsonObject obj)
            {
                Report(DiagnosticRules.WrongType, modulesProp.Value.Range, "'modules'", "an object such as { \"rnn\": \"encoder.gru\" }", modulesProp.Value.KindName);
                return null;
            }
            var props = Properties(obj, ModuleProperties, "'modules'", SwappedModule);
            bool ok = props.Count == obj.Properties.Count;
            // The modules the model has, with their paths: the spec's, else the default. Without a readable x, whether
            // there is an embedding is not known, so only a named one counts.
            var paths = new Dictionary<string, string>(StringComparer.Ordinal);
            var named = new List<(string Module, string Path, JsonProperty Property)>();
            foreach (JsonProperty p in obj.Properties)
            {
                if (!props.TryGetValue(p.Name, out JsonProperty? known) || !ReferenceEquals(known, p)) continue;
                string module = p.Name;
                string? path = StringValue(p, "modules." + module);
                if (path is null) { ok = false; continue; }
                if (TooLong(path, MaxModulePathLength, "modules." + module, p.Value.Range)) { ok = false; continue; }
                if (ModulePathProblem(module, path) is string problem)
                {
                    (string example, string tensor) = ModuleExample(module);
                    Report(DiagnosticRules.InvalidModulePath, p.Value.Range, module, Clip(path), problem, example, tensor);
                    ok = false;
                    continue;
                }
                if (module == SpecWords.EmbeddingModule && input is not null && input.Embedding == 0)
                {
                    Report(DiagnosticRules.ModuleNotInModel, p.NameRange, module, "an embedding (nn.Embedding)",
                        input.Encoding == InputEncoding.Dense ? "its input is dense, and only one-hot input has an embedding" : "x.embedding is not set");
                    ok = false;
                    continue;
                }
                named.Add((module, path, p));
            }
            foreach (string module in SpecWords.Modules)
            {
                // A module the spec names with a bad value has no path to compare (its error is reported already).
                bool has = module != SpecWords.EmbeddingModule || (input is not null && input.Embedding > 0);
                if (has && !props.ContainsKey(module)) paths[module] = ModulePrefixes.Default.Of(module);
            }
            foreach ((string module, string path, JsonProperty p) in named)
            {
                // Each against the modules left out (their defaults) and the ones named before it.
                string? other = paths.Where(kv => kv.Value == path).Select(kv => kv.Key).FirstOrDefault();
                if (other is not null)
                {
                    string which = named.Any(n => n.Module == other)
                        ? "modules." + other
                        : $"the module '{other}', whose default path it is (modules leaves '{other}' out)";
                    Report(DiagnosticRules.DuplicateModulePath, p.Value.Range, module, Clip(path), which);
                    ok = false;
                    continue;
                }
                paths[module] = path;
            }
            if (!ok) return null;
            string Path(string module) => named.Where(n => n.Module == module).Select(n => n.Path).FirstOrDefault() ?? ModulePrefixes.Default.Of(module);
            return new ModulePrefixes(Path(SpecWords.EmbeddingModule), Path(SpecWords.RecurrentModule), Path(SpecWords.HeadModule), Named: true);
        }

        /// <summary>The hint for an unknown key in <c>modules</c> whose value is a module's key: the two written the other way round.</summary>
        private static string? SwappedModule(JsonProperty p) =>
            p.Value is JsonString s && SpecWords.Modules.Contains(s.Value)
                ? $"the keys are the modules ({Quoted(SpecWords.Modules)}) and the values their paths: write \"{s.Value}\": \"{Clip(p.Name)}\""
                : null;

        private sealed record HiddenDraft(int Size, Activation Activation, CellKind Cell, int Layers, bool Bidirectional);

        private HiddenDraft? ReadHidden(IReadOnlyDictionary<string, JsonProperty> root, TextRange rootAnchor)
        {
            JsonObject? a = RequiredObject(root, "a", rootAnchor, "the hidden state a, such as { \"size\": 100, \"activation\": \"tanh\" }");
            if (a is null) return null;
            var props = Properties(a, HiddenProperties, "'a'");
            TextRange anchor = root["a"].NameRange;
            int? size = RequiredInt(props, "size", "'a'", anchor, "a.size", 1, MaxHiddenSize, "the number of hidden units");

            bool ok = true;
            bool cellKnown = true;
            CellKind cell = CellKind.Elman;
            if (props.TryGetValue("cell", out JsonProperty? cellProp))
            {
                string? value = StringValue(cellProp, "a.cell");
                if (value is null) ok = false;
                else if (!SpecWords.Cells.Contains(value))
                {
                    Report(DiagnosticRules.UnknownCell, cellProp.Value.Range, Clip(value), Quoted(SpecWords.Cells), Suggest(value, SpecWords.Cells));
                    ok = false;
                    cellKnown = false;
                }
                else cell = SpecNames.ParseCell(value);
            }

            int layers = 1;
            if (props.TryGetValue("layers", out JsonProperty? layersProp))
            {
                int? value = IntValue(layersProp, "a.layers", 1, MaxLayers);
                if (value is null) ok = false;
                else layers = value.Value;
            }

            bool bidirectional = false;
            if (props.TryGetValue("bidirectional", out JsonProperty? biProp))
            {
                if (biProp.Value is JsonBoolean b) bidirectional = b.Value;
                else
                {
                    Report(DiagnosticRules.WrongType, biProp.Value.Range, "a.bidirectional", "true or false", biProp.Value.KindName);
                    ok = false;
                }
            }

            // The Elman cell's g_a is the spec's choice; a GRU's and an LSTM's are fixed (sigmoid gates, tanh state).
            Activation? activation = Activation.Tanh;
            if (!cellKnown)
            {
                activation = null; // a.cell is wrong: which activation the spec needs is not known
            }
            else if (cell == CellKind.Elman)
            {
                activation = RequiredActivation(props, "activation", "'a'", anchor, "a.activation", SpecWords.HiddenActivations, "the hidden state (g_a)");
            }
            else if (props.TryGetValue("activation", out JsonProperty? activationProp))
            {
                string? value = StringValue(activationProp, "a.activation");
                if (value is null) ok = false;
                else if (value != SpecWords.Tanh)
                {
                    Report(DiagnosticRules.FixedActivation, activationProp.Value.Range, Clip(value), cell == CellKind.Lstm ? "an LSTM" : "a GRU");
                    ok = false;
                }
            }
            return size is null || activation is null || !ok ? null : new HiddenDraft(size.Value, activation.Value, cell, layers, bidirectional);
        }

        private sealed record InputDraft(InputEncoding Encoding, int? Size, TextRange SizeRange, TokenizerKind Tokenizer, string Vocabulary, TextRange VocabularyRange, int Embedding);

        private InputDraft? ReadInput(IReadOnlyDictionary<string, JsonProperty> root, TextRange rootAnchor)
        {
            JsonObject? x = RequiredObject(root, "x", rootAnchor, "the input x, such as { \"encoding\": \"one-hot\", \"vocabulary\": \"words.txt\" }");
            if (x is null) return null;
            var props = Properties(x, InputProperties, "'x'");
            TextRange anchor = root["x"].NameRange;
            bool ok = true;

            InputEncoding? encoding = null;
            string? encodingName = RequiredString(props, "encoding", "The object 'x'", anchor, "how x<t> enters: \"one-hot\" (token indices) or \"dense\" (vectors)", out TextRange encodingRange);
            if (encodingName is not null)
            {
                if (SpecWords.Encodings.Contains(encodingName)) encoding = SpecNames.ParseEncoding(encodingName);
                else Report(DiagnosticRules.UnknownEncoding, encodingRange, Clip(encodingName), Quoted(SpecWords.Encodings), Suggest(encodingName, SpecWords.Encodings));
            }
            if (encoding is null) ok = false;

            int? size = null;
            TextRange sizeRange = anchor;
            if (props.TryGetValue("size", out JsonProperty? sizeProp))
            {
                size = IntValue(sizeProp, "x.size", 1, MaxInputSize);
                sizeRange = sizeProp.Value.Range;
                if (size is null) ok = false;
            }

            string vocabulary = "";
            TextRange vocabularyRange = anchor;
            if (props.TryGetValue("vocabulary", out JsonProperty? vocabProp))
            {
                string? value = StringValue(vocabProp, "x.vocabulary");
                vocabularyRange = vocabProp.Value.Range;
                if (value is null) ok = false;
                else if (value.Trim().Length == 0) { Report(DiagnosticRules.WrongType, vocabProp.Value.Range, "x.vocabulary", "the path of a vocabulary file", "an empty string"); ok = false; }
                else if (TooLong(value, MaxPathLength, "x.vocabulary", vocabProp.Value.Range)) ok = false;
                else if (PathProblem(value) is string problem)
                {
                    Report(DiagnosticRules.InvalidVocabularyPath, vocabProp.Value.Range, Clip(value), problem, KeyOf(_path));
                    ok = false;
                }
                else vocabulary = value;
                if (encoding == InputEncoding.Dense) { Report(DiagnosticRules.OneHotOnly, vocabProp.NameRange, "vocabulary"); ok = false; }
            }

            TokenizerKind tokenizer = TokenizerKind.Words;
            if (props.TryGetValue("tokenizer", out JsonProperty? tokProp))
            {
                string? value = StringValue(tokProp, "x.tokenizer");
                if (value is null) ok = false;
                else if (!SpecWords.Tokenizers.Contains(value))
                {
                    Report(DiagnosticRules.UnknownTokenizer, tokProp.Value.Range, Clip(value), Quoted(SpecWords.Tokenizers), Suggest(value, SpecWords.Tokenizers));
                    ok = false;
                }
                else tokenizer = SpecNames.ParseTokenizer(value);
                if (encoding == InputEncoding.Dense) { Report(DiagnosticRules.OneHotOnly, tokProp.NameRange, "tokenizer"); ok = false; }
            }

            int embedding = 0;
            if (props.TryGetValue("embedding", out JsonProperty? embeddingProp))
            {
                int? value = IntValue(embeddingProp, "x.embedding", 1, MaxEmbeddingSize);
                if (value is null) ok = false;
                else embedding = value.Value;
                if (encoding == InputEncoding.Dense) { Report(DiagnosticRules.OneHotOnly, embeddingProp.NameRange, "embedding"); ok = false; }
            }

            if (size is null && !props.ContainsKey("vocabulary") && encoding is not null && !props.ContainsKey("size"))
            {
                Report(DiagnosticRules.MissingProperty, anchor, "The object 'x'", "size",
                    encoding == InputEncoding.Dense
                        ? "a dense input needs its length"
                        : "a one-hot input needs either a vocabulary file or its size (the number of token indices)");
                ok = false;
            }
            return ok ? new InputDraft(encoding!.Value, size, sizeRange, tokenizer, vocabulary, vocabularyRange, embedding) : null;
        }

        private sealed record OutputDraft(int Size, Activation Activation, EquatableArray<string> Labels, IReadOnlyList<TextRange> LabelRanges, TextRange SizeRange);

        /// <summary>
        /// RNN0033, once for the spec at the first label that gets no property on Output (GeneratedNames.LabelProperties),
        /// naming up to five of them and counting the rest: such a label is still an output, but read by index only.
        /// </summary>
        private void LabelsWithoutProperty(string name, OutputDraft output)
        {
            if (output.Labels.Count > GeneratedNames.MaxLabelProperties)
            {
                Report(DiagnosticRules.LabelWithoutProperty, output.LabelRanges[0],
                    $"all {output.Labels.Count.ToString("#,0", CultureInfo.InvariantCulture)} of them, since a model with more than "
                    + $"{GeneratedNames.MaxLabelProperties.ToString("#,0", CultureInfo.InvariantCulture)} labels gets no label properties (its Output type would take the compiler minutes)");
                return;
            }
            GeneratedNames.LabelName[] properties = GeneratedNames.LabelProperties(output.Labels, name);
            var without = Enumerable.Range(0, properties.Length).Where(k => properties[k].Property is null).ToList();
            if (without.Count == 0) return;
            const int shown = 5;
            string list = string.Join("; ", without.Take(shown).Select(k => $"'{Clip(output.Labels[k])}' (y.labels[{k}]) {properties[k].Why}"))
                + (without.Count > shown ? $"; and {(without.Count - shown).ToString("#,0", CultureInfo.InvariantCulture)} more" : "");
            Report(DiagnosticRules.LabelWithoutProperty, output.LabelRanges[without[0]], list);
        }

        private OutputDraft? ReadOutput(IReadOnlyDictionary<string, JsonProperty> root, TextRange rootAnchor)
        {
            JsonObject? y = RequiredObject(root, "y", rootAnchor, "the output y, such as { \"size\": 1, \"activation\": \"sigmoid\" }");
            if (y is null) return null;
            var props = Properties(y, OutputProperties, "'y'");
            TextRange anchor = root["y"].NameRange;
            int? size = RequiredInt(props, "size", "'y'", anchor, "y.size", 1, MaxOutputSize, "the number of outputs per step");
            Activation? activation = RequiredActivation(props, "activation", "'y'", anchor, "y.activation", SpecWords.OutputActivations, "the output (g_y)");
            if (size == 1 && activation == Activation.Softmax) Report(DiagnosticRules.SoftmaxOfOne, props["activation"].Value.Range);

            var labels = new List<string>();
            var labelRanges = new List<TextRange>();
            bool ok = size is not null && activation is not null;
            if (props.TryGetValue("labels", out JsonProperty? labelsProp))
            {
                if (labelsProp.Value is not JsonArray array)
                {
                    Report(DiagnosticRules.WrongType, labelsProp.Value.Range, "y.labels", "an array of strings, one per output", labelsProp.Value.KindName);
                    return null;
                }
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int i = 0; i < array.Items.Count; i++)
                {
                    JsonNode item = array.Items[i];
                    if (item is not JsonString s)
                    {
                        Report(DiagnosticRules.WrongType, item.Range, $"y.labels[{i}]", "a string", item.KindName);
                        ok = false;
                        continue;
                    }
                    if (s.Value.Trim().Length == 0) { Report(DiagnosticRules.InvalidLabel, s.Range, $"y.labels[{i}]", "is empty"); ok = false; }
                    else if (TooLong(s.Value, MaxLabelLength, $"y.labels[{i}]", s.Range)) ok = false;
                    else if (UnprintableAt(s.Value) is int bad and >= 0)
                    {
                        Report(DiagnosticRules.InvalidLabel, s.Range, $"y.labels[{i}]",
                            $"has {DiagnosticText.Character(s.Value, bad)} at position {(bad + 1).ToString(CultureInfo.InvariantCulture)}");
                        ok = false;
                    }
                    else if (seen.TryGetValue(s.Value, out int first)) { Report(DiagnosticRules.InvalidLabel, s.Range, $"'{Clip(s.Value)}'", $"at y.labels[{i}] repeats y.labels[{first}]"); ok = false; }
                    else seen[s.Value] = i;
                    labels.Add(s.Value);
                    labelRanges.Add(s.Range);
                }
                if (size is not null && array.Items.Count != size)
                {
                    Report(DiagnosticRules.LabelCountMismatch, array.Range,
                        array.Items.Count.ToString(CultureInfo.InvariantCulture) + (array.Items.Count == 1 ? " label" : " labels"),
                        size.Value.ToString(CultureInfo.InvariantCulture));
                    ok = false;
                }
            }
            return ok ? new OutputDraft(size!.Value, activation!.Value, labels.ToEquatableArray(), labelRanges, props["size"].Value.Range) : null;
        }

        // ---- Values -------------------------------------------------------------------------

        private Dictionary<string, JsonProperty> Properties(JsonObject obj, string[] allowed, string where, Func<JsonProperty, string?>? hintFor = null)
        {
            var result = new Dictionary<string, JsonProperty>(StringComparer.Ordinal);
            foreach (JsonProperty p in obj.Properties)
            {
                if (result.ContainsKey(p.Name))
                {
                    Report(DiagnosticRules.DuplicateProperty, p.NameRange, Clip(p.Name), where);
                    continue;
                }
                if (Array.IndexOf(allowed, p.Name) < 0)
                {
                    string suggestion = Suggest(p.Name, allowed);
                    string hint = hintFor?.Invoke(p) is string special && suggestion.Length == 0 ? special
                        : suggestion.Length > 0
                        ? suggestion.Substring(2) // ", did you mean 'x'?" → "did you mean 'x'?"
                        : "the properties allowed here are " + Quoted(allowed.Where(a => a != "$schema").ToArray());
                    Report(DiagnosticRules.UnknownProperty, p.NameRange, Clip(p.Name), where, hint);
                    continue;
                }
                result[p.Name] = p;
            }
            return result;
        }

        private JsonObject? RequiredObject(IReadOnlyDictionary<string, JsonProperty> props, string name, TextRange anchor, string what)
        {
            if (!props.TryGetValue(name, out JsonProperty? p))
            {
                Report(DiagnosticRules.MissingProperty, anchor, "The spec", name, what);
                return null;
            }
            if (p.Value is JsonObject obj) return obj;
            Report(DiagnosticRules.WrongType, p.Value.Range, $"'{name}'", "an object", p.Value.KindName);
            return null;
        }

        private string? RequiredString(IReadOnlyDictionary<string, JsonProperty> props, string name, string ownerName, TextRange anchor, string what, out TextRange range)
        {
            range = anchor;
            if (!props.TryGetValue(name, out JsonProperty? p))
            {
                Report(DiagnosticRules.MissingProperty, anchor, ownerName, name, what);
                return null;
            }
            range = p.Value.Range;
            return StringValue(p, name);
        }

        private string? StringValue(JsonProperty p, string field)
        {
            if (p.Value is JsonString s) return s.Value;
            Report(DiagnosticRules.WrongType, p.Value.Range, field, "a string", p.Value.KindName);
            return null;
        }

        private int? RequiredInt(IReadOnlyDictionary<string, JsonProperty> props, string name, string ownerName, TextRange anchor, string field, int min, int max, string what)
        {
            if (!props.TryGetValue(name, out JsonProperty? p))
            {
                Report(DiagnosticRules.MissingProperty, anchor, "The object " + ownerName, name, $"{what}, a whole number from {min} to {max}");
                return null;
            }
            return IntValue(p, field, min, max);
        }

        private int? IntValue(JsonProperty p, string field, int min, int max)
        {
            if (p.Value is not JsonNumber n)
            {
                Report(DiagnosticRules.WrongType, p.Value.Range, field, "a number", p.Value.KindName);
                return null;
            }
            // JSON Schema's "integer" is any number with a zero fraction, so 1e2 and 100.0 are 100; the text is read
            // exactly, so that 0.99999999999999999999999999999 is not rounded to 1 (as a decimal would) and accepted.
            if (JsonNumbers.Whole(n.Text) is long value && value >= min && value <= max)
            {
                return (int)value;
            }
            Report(DiagnosticRules.SizeOutOfRange, n.Range, field, min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture), Clip(n.Text));
            return null;
        }

        private Activation? RequiredActivation(IReadOnlyDictionary<string, JsonProperty> props, string name, string ownerName, TextRange anchor, string field, IReadOnlyList<string> allowed, string layer)
        {
            if (!props.TryGetValue(name, out JsonProperty? p))
            {
                Report(DiagnosticRules.MissingProperty, anchor, "The object " + ownerName, name, $"the activation of {layer}, one of {Quoted(allowed)}");
                return null;
            }
            string? value = StringValue(p, field);
            if (value is null) return null;
            if (allowed.Contains(value)) return SpecNames.ParseActivation(value);
            Report(DiagnosticRules.UnknownActivation, p.Value.Range, Clip(value), layer, Quoted(allowed), Suggest(value, allowed));
            return null;
        }

        private string? CheckTypeName(string name, TextRange range)
        {
            string? problem = TypeNameProblem(name);
            if (problem is null) return name;
            Report(DiagnosticRules.InvalidTypeName, range, Clip(name), problem);
            return null;
        }

        private string? CheckNamespace(string ns, TextRange range)
        {
            if (ns.Length == 0) { Report(DiagnosticRules.InvalidNamespace, range, ns, "it is empty; remove 'namespace' to use " + DefaultNamespace); return null; }
            if (ns.Length > MaxNamespaceLength)
            {
                Report(DiagnosticRules.InvalidNamespace, range, Clip(ns), $"it is {ns.Length.ToString("#,0", CultureInfo.InvariantCulture)} characters long, more than the "
                    + $"{MaxNamespaceLength.ToString(CultureInfo.InvariantCulture)} a namespace may have (the generated files are named after it)");
                return null;
            }
            foreach (string part in ns.Split('.'))
            {
                if (!IsAsciiIdentifier(part))
                {
                    Report(DiagnosticRules.InvalidNamespace, range, Clip(ns), part.Length == 0 ? "it has an empty part between dots"
                        : $"'{Clip(part)}' is not an identifier of ASCII letters, digits and '_': {IdentifierProblem(part)}");
                    return null;
                }
                if (SyntaxFacts.GetKeywordKind(part) != SyntaxKind.None || part == "global")
                {
                    Report(DiagnosticRules.InvalidNamespace, range, Clip(ns), $"'{part}' is a C# keyword");
                    return null;
                }
            }
            if (GeneratedNames.NamespaceCollision(ns) is string collision)
            {
                Report(DiagnosticRules.InvalidNamespace, range, Clip(ns), collision);
                return null;
            }
            const string own = GeneratedNames.ImplementationNamespace;
            if (ns == own || ns.StartsWith(own + ".", StringComparison.Ordinal))
            {
                Report(DiagnosticRules.InvalidNamespace, range, Clip(ns), $"{own} is where RnnGen puts its own generated code; choose another namespace");
                return null;
            }
            return ns;
        }

        private string? CheckWeights(string weights, TextRange range)
        {
            string key = KeyOf(_path);
            if (weights.Trim().Length == 0)
            {
                Report(DiagnosticRules.InvalidWeightsPath, range, Clip(weights), "is empty", key);
                return null;
            }
            if (!weights.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
            {
                Report(DiagnosticRules.InvalidWeightsPath, range, Clip(weights), "does not end in .safetensors, the only weights format RnnGen reads", key);
                return null;
            }
            if (PathProblem(weights) is string problem)
            {
                Report(DiagnosticRules.InvalidWeightsPath, range, Clip(weights), problem, key);
                return null;
            }
            return weights;
        }
    }

    /// <summary>
    /// Why a path in a spec would not work on every machine, or null: the build copies and finds files
    /// under the models folder only, so a path stays relative, inside it, and uses '/'.
    /// </summary>
    internal static string? PathProblem(string path)
    {
        if (System.IO.Path.IsPathRooted(path) || path.StartsWith("/", StringComparison.Ordinal) || path.IndexOf(':') >= 0)
        {
            return "is an absolute path, which would tie the build to one machine";
        }
        if (path.IndexOf('\\') >= 0) return "uses '\\'; write '/' so that the spec builds on every OS";
        if (path.Split('/').Any(part => part == "..")) return "leaves the spec's folder with '..', but the build only sees files under the models folder";
        return null;
    }

    /// <summary>
    /// Why <paramref name="path"/> cannot be the path of <paramref name="module"/> in a state_dict, or null: names of
    /// ASCII letters, digits and '_' (Python's attribute names, and nn.Sequential's indices) joined by single dots,
    /// not ending with the name of one of the module's own tensors. The schema's pattern is the same rule without the last part.
    /// </summary>
    internal static string? ModulePathProblem(string module, string path)
    {
        if (path.Length == 0) return "is empty";
        for (int i = 0; i < path.Length; i++)
        {
            char c = path[i];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.') continue;
            return $"has {DiagnosticText.Character(path, i)}, but a path is names of ASCII letters, digits and '_' joined by '.'";
        }
        if (path[0] == '.') return "starts with '.'";
        if (path[path.Length - 1] == '.') return "ends with '.'; the '.' before a tensor's own name is not part of the path";
        if (path.IndexOf("..", StringComparison.Ordinal) >= 0) return "has two '.' in a row";
        string last = path.Substring(path.LastIndexOf('.') + 1);
        if (ModelTensors.IsTensorName(module, last)) return $"ends with the tensor name '{last}'; give the path of the module, not of one of its tensors";
        return null;
    }

    /// <summary>A path and one of its tensors' own names, for messages: ("encoder.gru", "weight_ih_l0").</summary>
    internal static (string Path, string Tensor) ModuleExample(string module) => module switch
    {
        SpecWords.EmbeddingModule => ("encoder.embed", "weight"),
        SpecWords.RecurrentModule => ("encoder.gru", "weight_ih_l0"),
        SpecWords.HeadModule => ("decoder.fc", "weight"),
        _ => throw Exhaustive.Unhandled(module),
    };

    /// <summary>
    /// What keeps <paramref name="name"/> from being an ASCII identifier: "it is empty", "it starts with a digit", or
    /// "it has the invisible character U+200B (zero width space) at position 2" (1-based, in UTF-16 characters).
    /// </summary>
    internal static string IdentifierProblem(string name)
    {
        if (name.Length == 0) return "it is empty";
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') continue;
            return $"it has {DiagnosticText.Character(name, i)} at position {(i + 1).ToString(CultureInfo.InvariantCulture)}";
        }
        return "it starts with a digit";
    }

    /// <summary>
    /// The first character of <paramref name="text"/> that a label cannot hold, or -1: a control character (line breaks
    /// included: the generated code may hold the labels one per line), a line or paragraph separator, or a lone surrogate.
    /// </summary>
    internal static int UnprintableAt(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsControl(c) || c == '\u2028' || c == '\u2029') return i;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return i;
        }
        return -1;
    }

    /// <summary>Letters A-Z and a-z, digits and '_', not starting with a digit: what the schema allows.</summary>
    internal static bool IsAsciiIdentifier(string name)
    {
        if (name.Length == 0 || (name[0] >= '0' && name[0] <= '9')) return false;
        foreach (char c in name)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
        }
        return true;
    }

        /// <summary>Why <paramref name="name"/> cannot be a model's type name, or null when it can.</summary>
    internal static string? TypeNameProblem(string name)
    {
        if (name.Length > MaxNameLength)
        {
            return $"it is {name.Length.ToString("#,0", CultureInfo.InvariantCulture)} characters long, more than the {MaxNameLength.ToString(CultureInfo.InvariantCulture)} "
                + "a model name may have (its generated files are named after it)";
        }
        if (!IsAsciiIdentifier(name)) return "a model name starts with a letter and has only ASCII letters, digits and '_', but " + IdentifierProblem(name);
        if (SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None) return "it is a C# keyword";
        if (name[0] < 'A' || name[0] > 'Z') return "it must start with an upper-case letter A-Z (C# type names are PascalCase; an all-lower-case name draws warning CS8981)";
        if (Array.IndexOf(GeneratedNames.ModelMembers, name) >= 0) return $"the generated class has a member named '{name}'";
        return null;
    }

    private static string FullPath(string directory, string relative)
    {
        string combined = System.IO.Path.Combine(directory, relative.Replace('\\', System.IO.Path.DirectorySeparatorChar).Replace('/', System.IO.Path.DirectorySeparatorChar));
        try
        {
            return System.IO.Path.GetFullPath(combined);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or System.IO.PathTooLongException)
        {
            return combined;
        }
    }

    /// <summary>
    /// The weights file relative to the models folder, with '/' separators: where the build copies it
    /// under the output's models/ folder. Outside the models folder, the path as the spec wrote it.
    /// </summary>
    private static string WeightsRelativeToModels(string specDirectory, string weights, string modelsDirectory)
    {
        string normalized = weights.Replace('\\', '/');
        if (modelsDirectory.Length == 0) return normalized;
        string full = FullPath(specDirectory, weights);
        string root = FullPath(modelsDirectory, ".");
        char sep = System.IO.Path.DirectorySeparatorChar;
        if (!root.EndsWith(sep.ToString(), StringComparison.Ordinal)) root += sep;
        return full.StartsWith(root, StringComparison.Ordinal) ? full.Substring(root.Length).Replace('\\', '/') : normalized;
    }

    internal static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => "'" + n + "'"));

    /// <summary>", did you mean 'tanh'?" when a known name is a small edit away, else "".</summary>
    internal static string Suggest(string value, IEnumerable<string> known)
    {
        string lower = value.ToLowerInvariant();
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string k in known)
        {
            if (k == "$schema") continue;
            // The distance is at least the difference in length: a long value is far from every name, at no cost.
            if (Math.Abs(lower.Length - k.Length) > Math.Max(1, k.Length / 3)) continue;
            int d = Distance(lower, k.ToLowerInvariant());
            if (d < bestDistance) { best = k; bestDistance = d; }
        }
        return best is not null && bestDistance <= Math.Max(1, best.Length / 3) ? $", did you mean '{best}'?" : "";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>The first character of a range, for pointing at an object's opening brace.</summary>
    private static TextRange FirstCharacter(TextRange range)
    {
        int length = Math.Min(1, range.Length);
        return new TextRange(range.Start, length, range.StartLine, range.StartColumn, range.StartLine, range.StartColumn + length);
    }
}
