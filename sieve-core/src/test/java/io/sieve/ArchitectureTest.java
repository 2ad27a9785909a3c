package io.sieve;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rule of what may import what (docs/ARCHITECTURE.md), read from the compiled classes: the
 * layers below, each importing only from itself and the layers under it, and no cycle between any
 * two packages at all. A new import that runs back up, or closes a circle, fails the build.
 */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sieve");

    @Test
    void eachLayerImportsOnlyFromTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("foundation").definedBy("io.sieve.model..", "io.sieve.files..", "io.sieve.metrics..")
                .layer("infrastructure").definedBy("io.sieve.nativelib..", "io.sieve.store..", "io.sieve.ann..",
                        "io.sieve.config..", "io.sieve.rules..", "io.sieve.ingest..", "io.sieve.graph..")
                .layer("models").definedBy("io.sieve.content..", "io.sieve.bundle..")
                .layer("funnel").definedBy("io.sieve.funnel..")
                .layer("stages").definedBy("io.sieve.retrieve..", "io.sieve.filter..", "io.sieve.feature..",
                        "io.sieve.rank..", "io.sieve.rerank..")
                .layer("pipeline").definedBy("io.sieve.pipeline..")
                .layer("experiments").definedBy("io.sieve.experiment..")
                .layer("learning").definedBy("io.sieve.train..", "io.sieve.eval..")
                .whereLayer("learning").mayNotBeAccessedByAnyLayer()
                .whereLayer("experiments").mayOnlyBeAccessedByLayers("learning")
                .whereLayer("pipeline").mayOnlyBeAccessedByLayers("experiments", "learning")
                .whereLayer("stages").mayOnlyBeAccessedByLayers("pipeline", "experiments", "learning")
                .whereLayer("funnel").mayOnlyBeAccessedByLayers("stages", "pipeline", "experiments", "learning")
                .whereLayer("models").mayOnlyBeAccessedByLayers("funnel", "stages", "pipeline", "experiments", "learning")
                .whereLayer("infrastructure").mayOnlyBeAccessedByLayers("models", "funnel", "stages", "pipeline", "experiments",
                        "learning")
                .check(CORE);
    }

    @Test
    void noPackageIsInACycle() {
        slices().matching("io.sieve.(**)").should().beFreeOfCycles().check(CORE);
    }
}
