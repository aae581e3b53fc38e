/* Prints the catalog of the native build as JSON, so the Jest suite can
 * check that the Wasm module's `activations` describe the same catalog. */
#include <stdio.h>

#include "actlab.h"

static const char *rule_name(int rule)
{
    static const char *names[] = {"any", "positive", "nonnegative", "nonzero"};
    return rule >= 0 && rule < 4 ? names[rule] : "?";
}

int main(void)
{
    printf("[");
    for (int k = 0; k < al_kind_count(); k++) {
        printf("%s\n {\"name\": \"%s\", \"params\": [", k ? "," : "", al_kind_name(k));
        for (int i = 0; i < al_kind_param_count(k); i++)
            printf("%s{\"name\": \"%s\", \"default\": %.17g, \"rule\": \"%s\"}", i ? ", " : "",
                   al_kind_param_name(k, i), al_kind_param_default(k, i),
                   rule_name(al_kind_param_rule(k, i)));
        printf("]}");
    }
    printf("\n]\n");
    return 0;
}
