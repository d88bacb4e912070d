using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Volara.Generators.Model;

namespace Volara.Generators.Rules
{
    /// <summary>
    /// A <c>[VolaraTask]</c> class read once by the rules both the generator and the analyzers compile: its ports,
    /// settings, links and worker state, and every rule it breaks. The generator completes the class only when
    /// <see cref="Problems"/> is empty; the analyzers report each problem. So the class the generator leaves alone is
    /// exactly the class a diagnostic points at, and no rule is written twice.
    /// </summary>
    internal sealed class TaskDeclaration
    {
        private readonly List<TaskProblem> problems = new();
        private readonly List<DeclaredPort> inputs = new();
        private readonly List<DeclaredPort> outputs = new();
        private readonly List<DeclaredLink> links = new();

        private TaskDeclaration(INamedTypeSymbol type, Location? location)
        {
            Type = type;
            ClassLocation = location;
        }

        public INamedTypeSymbol Type { get; }

        /// <summary>The class name in its first declaration, where class-wide problems are reported.</summary>
        public Location? ClassLocation { get; }

        public string TaskType { get; private set; } = string.Empty;

        public bool ReadWriteConflict { get; private set; }

        public bool WholeRoi { get; private set; }

        /// <summary>The attribute's <c>OverlapIo</c>: blocks read ahead and write behind while Process runs.</summary>
        public bool OverlapIo { get; private set; }

        /// <summary>The <c>BlockFit</c> member named by the attribute's <c>Fit</c> (<c>Shrink</c> when absent).</summary>
        public string Fit { get; private set; } = "Shrink";

        public IReadOnlyList<DeclaredPort> Inputs => inputs;

        public IReadOnlyList<DeclaredPort> Outputs => outputs;

        public IPropertySymbol? BlockSize { get; private set; }

        public IPropertySymbol? Context { get; private set; }

        public IPropertySymbol? WriteRoi { get; private set; }

        public IReadOnlyList<DeclaredLink> Links => links;

        /// <summary>The type <c>CreateWorkerState</c> returns; null when the task keeps no per-worker state.</summary>
        public ITypeSymbol? WorkerState { get; private set; }

        /// <summary><c>CreateWorkerState(int worker)</c>: it is given the worker's number.</summary>
        public bool WorkerStateTakesNumber { get; private set; }

        /// <summary>The worker state implements <c>IPendingWrites</c>: each block ends with the writes Process left pending.</summary>
        public bool WorkerStateKeepsWritesPending => WorkerState is { } state && Implements(state, KnownNames.PendingWrites);

        /// <summary><paramref name="type"/> is the interface <paramref name="interfaceName"/> or implements it.</summary>
        public static bool Implements(ITypeSymbol type, string interfaceName) =>
            type.ToDisplayString() == interfaceName || type.AllInterfaces.Any(i => i.ToDisplayString() == interfaceName);

        /// <summary>The class declares its own <c>Name</c> property (otherwise the first required output names the task).</summary>
        public bool OwnName => Type.GetMembers(KnownNames.NameProperty).OfType<IPropertySymbol>().Any();

        /// <summary>The Process the ports call for; null while a port is not a typed dataset or <c>CreateWorkerState</c> is unusable.</summary>
        public ExpectedProcess? Process { get; private set; }

        public IReadOnlyList<TaskProblem> Problems => problems;

        /// <summary>A member is still being typed (a property without a name): the compiler reports it, the generator waits.</summary>
        public bool Incomplete { get; private set; }

        /// <summary>Reads <paramref name="type"/>, which carries <paramref name="attribute"/> (its <c>[VolaraTask]</c>).</summary>
        public static TaskDeclaration Read(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
        {
            var classes = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().ToList();
            var task = new TaskDeclaration(type, classes.FirstOrDefault()?.Identifier.GetLocation());
            task.ReadAttribute(attribute);
            if (!task.ReadClass(classes))
            {
                // A class the generator cannot complete at all: what its members lack would only be noise.
                return task;
            }

            task.ReadProperties(cancellationToken);
            if (task.Incomplete)
            {
                return task;
            }

            bool portsTyped = task.CheckPorts();
            bool stateUsable = task.ReadWorkerState();
            task.CheckOutputFormat();
            if (portsTyped && stateUsable)
            {
                task.CheckProcess();
            }

            return task;
        }

        private void Report(TaskRule rule, Location? location, params string[] arguments) => problems.Add(new TaskProblem(rule, location, arguments));

        private void ReadAttribute(AttributeData attribute)
        {
            if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string taskType && taskType.Trim().Length > 0)
            {
                TaskType = taskType;
            }
            else
            {
                Report(TaskRule.TaskAttributeInvalid, ClassLocation, Type.Name, "names no task type: give the type pipeline files use, such as \"threshold\"");
            }

            foreach (var argument in attribute.NamedArguments)
            {
                switch (argument.Key)
                {
                    case KnownNames.ReadWriteConflict:
                        ReadWriteConflict = argument.Value.Value is true;
                        break;
                    case KnownNames.WholeRoi:
                        WholeRoi = argument.Value.Value is true;
                        break;
                    case KnownNames.OverlapIo:
                        OverlapIo = argument.Value.Value is true;
                        break;
                    case KnownNames.Fit when argument.Value.Value is int fit && fit >= 0 && fit < KnownNames.BlockFits.Length:
                        Fit = KnownNames.BlockFits[fit];
                        break;
                    case KnownNames.Fit:
                        Report(TaskRule.TaskAttributeInvalid, ClassLocation, Type.Name, $"has Fit = {argument.Value.Value}, which is not a BlockFit ({string.Join(", ", KnownNames.BlockFits)})");
                        break;
                }
            }
        }

        private bool ReadClass(List<TypeDeclarationSyntax> declarations)
        {
            int before = problems.Count;
            if (TaskClassRules.ShapeProblem(Type) is { } shape)
            {
                Report(TaskRule.ClassNotCompletable, ClassLocation, Type.Name, shape);
            }

            if (declarations.OfType<ClassDeclarationSyntax>().FirstOrDefault(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword)) is { } whole)
            {
                Report(TaskRule.NotPartial, whole.Identifier.GetLocation(), Type.Name);
            }

            return problems.Count == before;
        }

        private void ReadProperties(CancellationToken cancellationToken)
        {
            var seen = new HashSet<string>();
            foreach (var property in Type.GetMembers().OfType<IPropertySymbol>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                Incomplete |= property.Name.Length == 0;
                foreach (var attribute in property.GetAttributes())
                {
                    switch (attribute.AttributeClass?.ToDisplayString())
                    {
                        case KnownNames.InputAttribute:
                            inputs.Add(Port(property, attribute, isInput: true));
                            break;
                        case KnownNames.OutputAttribute:
                            outputs.Add(Port(property, attribute, isInput: false));
                            break;
                        case KnownNames.BlockSizeAttribute:
                            BlockSize = Setting(property, "BlockSize", seen, SettingRules.IsBlockSize(property.Type), "Coordinate") ?? BlockSize;
                            break;
                        case KnownNames.ContextAttribute:
                            Context = Setting(property, "Context", seen, SettingRules.IsContext(property.Type), "Coordinate, Coordinate? or (Coordinate Low, Coordinate High)") ?? Context;
                            break;
                        case KnownNames.WriteRoiAttribute:
                            WriteRoi = Setting(property, "WriteRoi", seen, SettingRules.IsWriteRoi(property.Type), "Roi or Roi?") ?? WriteRoi;
                            break;
                        case KnownNames.OffsetsOfAttribute:
                            Link(ParameterCheckKind.OffsetsOf, property, attribute, "OffsetsOf");
                            break;
                        case KnownNames.EdgeAttributesOfAttribute:
                            Link(ParameterCheckKind.EdgeAttributesOf, property, attribute, "EdgeAttributesOf");
                            break;
                        case KnownNames.PerOffsetAttribute:
                            Link(ParameterCheckKind.PerOffsetOfList, property, attribute, "PerOffset");
                            break;
                    }
                }
            }
        }

        private DeclaredPort Port(IPropertySymbol property, AttributeData attribute, bool isInput)
        {
            bool spatialOnly = attribute.NamedArguments.Any(a => a.Key == KnownNames.OutputSpatialOnly && a.Value.Value is true);
            var element = PortRules.ElementTypeOf(property.Type);
            bool list = !isInput && element is null && PortRules.IsDatasetList(property.Type);
            int requires = isInput && attribute.NamedArguments.FirstOrDefault(a => a.Key == KnownNames.InputRequires).Value.Value is int kinds ? kinds : DeclaredPort.AnyKind;
            var port = new DeclaredPort(property, isInput, element, list, spatialOnly, requires);
            if (!port.Typed)
            {
                Report(TaskRule.PortNotTypedDataset, property.Locations[0], property.Name, Type.Name, property.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
            }
            else if (list && port.Optional)
            {
                Report(TaskRule.ListOutputMisdeclared, property.Locations[0], property.Name, Type.Name, "is nullable: a list output is always configured (leave an entry null to discard it)");
            }
            else if (list && spatialOnly)
            {
                Report(TaskRule.ListOutputMisdeclared, property.Locations[0], property.Name, Type.Name, "is SpatialOnly: each entry's axes come from OutputFormat");
            }

            return port;
        }

        /// <summary>The property when it is the first of its setting and of the right type; otherwise reports why not.</summary>
        private IPropertySymbol? Setting(IPropertySymbol property, string name, HashSet<string> seen, bool accepted, string expected)
        {
            string? reason = !seen.Add(name) ? $"repeats [{name}]: declare it once"
                : !accepted ? $"is a {property.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}, expected {expected}"
                : null;
            if (reason is null)
            {
                return property;
            }

            Report(TaskRule.SettingMisdeclared, property.Locations[0], name, property.Name, Type.Name, reason);
            return null;
        }

        private void Link(ParameterCheckKind kind, IPropertySymbol property, AttributeData attribute, string attributeName)
        {
            string? targetName = attribute.ConstructorArguments.FirstOrDefault().Value as string;
            var target = targetName is null ? null : Type.GetMembers(targetName).OfType<IPropertySymbol>().FirstOrDefault();
            string? reason = target is null ? $"names '{targetName}', which is not a property of the task" : null;
            if (target is not null)
            {
                bool affinities = PortRules.IsAffinities(target.Type);
                switch (kind)
                {
                    case ParameterCheckKind.OffsetsOf when !affinities:
                        reason = $"names '{target.Name}', which is not an Affs<T> port";
                        break;
                    case ParameterCheckKind.EdgeAttributesOf when !target.Type.IsReferenceType || !PortRules.HasEdgeAttrs(target.Type):
                        reason = $"names '{target.Name}', which has no EdgeAttrs (a graph database configuration has)";
                        break;
                    case ParameterCheckKind.EdgeAttributesOf when !PortRules.HasNameKeys(property.Type):
                        reason = "is not a list of names or a dictionary keyed by names";
                        break;
                    case ParameterCheckKind.PerOffsetOfList when !PortRules.IsCounted(property.Type):
                        reason = "is not a collection with a count (a list of values, one per offset)";
                        break;
                    case ParameterCheckKind.PerOffsetOfList when affinities:
                        kind = ParameterCheckKind.PerOffsetOfAffinities;
                        break;
                    case ParameterCheckKind.PerOffsetOfList when !PortRules.IsCounted(target.Type):
                        reason = $"names '{target.Name}', which is neither an Affs<T> port nor a list of offsets";
                        break;
                }
            }

            if (reason is null)
            {
                links.Add(new DeclaredLink(kind, property, target!));
            }
            else
            {
                Report(TaskRule.LinkMisdeclared, property.Locations[0], attributeName, property.Name, Type.Name, reason);
            }
        }

        /// <summary>
        /// The port rules (docs/dsl.md, "ports"): a required first input unless a whole-volume task has none and no
        /// outputs; a block size unless whole-volume; a name source; a required first <c>Stored</c> input behind every
        /// <c>Stored</c> output. They read the ports' element types, so they wait until every port is typed.
        /// </summary>
        private bool CheckPorts()
        {
            if (inputs.Concat(outputs).Any(port => !port.Typed))
            {
                return false;
            }

            if (inputs.Count > 0 && inputs[0].Optional)
            {
                Report(TaskRule.FirstInputOptional, inputs[0].Property.Locations[0], inputs[0].Property.Name, Type.Name);
            }
            else if (inputs.Count == 0 && (!WholeRoi || outputs.Count > 0))
            {
                Report(TaskRule.TaskWithoutInput, ClassLocation, Type.Name, WholeRoi
                    ? "its outputs follow the first input's geometry, so only a whole-volume task without outputs may have none"
                    : "its blocks are laid out over the first input; only a whole-volume task (WholeRoi = true) without outputs may have none");
            }

            if (!WholeRoi && !Type.GetMembers().OfType<IPropertySymbol>().Any(p => p.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.BlockSizeAttribute)))
            {
                Report(TaskRule.BlockSizeMissing, ClassLocation, Type.Name);
            }

            if (!OwnName && !outputs.Any(output => !output.Optional && !output.List))
            {
                Report(TaskRule.TaskNameUndetermined, ClassLocation, Type.Name);
            }

            var firstStored = inputs.FirstOrDefault(input => input.Stored);
            string? storedProblem = firstStored is null ? "the task has no Stored input"
                : firstStored.Optional ? $"the first Stored input '{firstStored.Property.Name}' is optional"
                : null;
            if (storedProblem is not null)
            {
                foreach (var output in outputs.Where(output => output.Stored))
                {
                    Report(TaskRule.StoredOutputWithoutStoredInput, output.Property.Locations[0], output.Property.Name, Type.Name, storedProblem);
                }
            }

            return true;
        }

        private bool ReadWorkerState()
        {
            var candidates = TaskMethodRules.WorkerStateCandidates(Type);
            bool usable = true;
            foreach (var method in candidates)
            {
                if (TaskMethodRules.WorkerStateProblem(method, candidates.Count) is { } problem)
                {
                    Report(TaskRule.WorkerStateUnusable, SourceLocation(method) ?? ClassLocation, Type.Name, problem);
                    usable = false;
                }
            }

            if (usable && candidates.Count == 1)
            {
                WorkerState = candidates[0].ReturnType;
                WorkerStateTakesNumber = TaskMethodRules.TakesWorkerNumber(candidates[0]);
            }

            return usable;
        }

        private void CheckOutputFormat()
        {
            if (outputs.FirstOrDefault(output => output.List) is not { } listOutput || TaskMethodRules.HasOutputFormat(Type))
            {
                return;
            }

            var declared = TaskMethodRules.OutputFormatCandidates(Type).Where(method => SourceLocation(method) is not null).ToList();
            if (declared.Count == 0)
            {
                Report(TaskRule.OutputFormatMissing, listOutput.Property.Locations[0], listOutput.Property.Name, Type.Name, ", but the class declares none");
            }

            // The declared ones are near misses: point at each, saying what keeps the generator from calling it.
            foreach (var method in declared)
            {
                Report(TaskRule.OutputFormatMissing, SourceLocation(method), listOutput.Property.Name, Type.Name, $", but its OutputFormat {TaskMethodRules.OutputFormatProblem(method)}");
            }
        }

        private void CheckProcess()
        {
            var parameters = new List<ProcessParameter> { new(ProcessParameterKind.Block, null, "block") };
            if (WorkerState is not null)
            {
                parameters.Add(new ProcessParameter(ProcessParameterKind.WorkerState, WorkerState, "state"));
            }

            foreach (var port in inputs.Concat(outputs))
            {
                var kind = port.List ? ProcessParameterKind.ArrayList : port.IsInput ? ProcessParameterKind.InputTensor : ProcessParameterKind.OutputTensor;
                parameters.Add(new ProcessParameter(kind, port.Stored ? null : port.Element, char.ToLowerInvariant(port.Property.Name[0]) + port.Property.Name.Substring(1)));
            }

            Process = new ExpectedProcess(parameters, inputs.Concat(outputs).Any(port => port.Stored));
            var candidates = Type.GetMembers(KnownNames.ProcessMethod).OfType<IMethodSymbol>().ToList();
            if (candidates.Count == 0)
            {
                Report(TaskRule.ProcessMissing, ClassLocation, Type.Name, Process.Signature());
            }

            foreach (var process in candidates.Where(p => !Process.Matches(p)))
            {
                Report(TaskRule.ProcessSignatureMismatch, SourceLocation(process) ?? ClassLocation, Type.Name, Process.Signature());
            }
        }

        private static Location? SourceLocation(IMethodSymbol method) => method.Locations.FirstOrDefault(location => location.IsInSource);
    }
}
