package io.backstory.importexport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstory.base.BulkTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The import writes each kind's rows into the table its owning module declares ({@link BulkTable}); its rows keep
 * their own layout, and every value must land in the owner's column of the same name, whatever order the owner lists.
 */
class ImportTargetsTest {

    @Test
    void shouldWriteEveryValueIntoTheOwnersColumnOfItsName() {
        ImportEngine.targets().forEach((kind, target) -> {
            List<String> values = ImportEngine.values(kind);
            List<String> columns = target.table().columns();
            assertThat(target.positions()).as(kind.name()).hasSize(columns.size());
            for (int c = 0; c < columns.size(); c++) {
                assertThat(values.get(target.positions()[c])).as(kind + " column " + c).isEqualTo(columns.get(c));
            }
        });
    }

    @Test
    void shouldFollowAReorderAndRefuseAColumnNotFilled() {
        BulkTable reordered = new BulkTable("measure", List.of("score", "episode_id"));
        assertThat(reordered.positionsIn(List.of("episode_id", "score"))).containsExactly(1, 0);
        assertThatThrownBy(() -> new BulkTable("measure", List.of("episode_id", "score", "visit_id")).positionsIn(List.of("episode_id", "score")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("visit_id");
        assertThatThrownBy(() -> reordered.positionsIn(List.of("episode_id", "scores"))).isInstanceOf(IllegalStateException.class);
    }
}
