namespace Volara.Generators.Model
{
    /// <summary>A <c>[BlockSize]</c>, <c>[Context]</c> or <c>[WriteRoi]</c> property and its configuration name.</summary>
    public sealed record SettingModel(string Property, string Field);
}
