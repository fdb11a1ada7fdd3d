using System;

namespace ImCsGen.Emulator.Tests;

/// <summary>
/// Marks a <c>static Task X(TestEmulator t)</c> scenario that calls endpoints through the generated client and asserts
/// what the emulator did. <see cref="EndpointTests.Every_spec_endpoint_is_called_successfully_at_least_once"/> runs every
/// marked scenario (in one emulator, in name order), so an area's helper adds its scenario by marking it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class EndpointScenarioAttribute : Attribute
{
}
