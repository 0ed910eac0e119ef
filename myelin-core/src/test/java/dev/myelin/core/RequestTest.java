package dev.myelin.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestTest {

    record GetMenu() implements Query<OperationResult<List<String>>> {
    }

    interface MenuChange extends Command<String> {
    }

    record AddPizza() implements MenuChange {
    }

    /** Leaves its result type open. */
    record Echo<T>(T value) implements Query<T> {
    }

    @Test
    void resultTypeIsResolvedThroughInterfacesAndErased() {
        assertThat(Request.resultType(GetMenu.class)).isEqualTo(OperationResult.class);
        assertThat(Request.resultType(AddPizza.class)).isEqualTo(String.class);
        assertThat(Request.resultType(Echo.class)).isEqualTo(Object.class);
    }
}
