namespace Volara.Generators.Model
{
    /// <summary>Which optional <c>partial void</c> hooks the class implements; the generator declares and calls those.</summary>
    /// <param name="Validate"><c>Validate()</c>: after the inputs are opened and checked.</param>
    /// <param name="OnInit"><c>OnInit()</c>: at the end of Init, after the outputs are prepared.</param>
    /// <param name="OnDropArtifacts"><c>OnDropArtifacts()</c>: at the end of DropArtifacts.</param>
    public sealed record HookModel(bool Validate, bool OnInit, bool OnDropArtifacts);
}
