/* Status codes: one stable identifier and one sentence per status. */
#include "actlab.h"

static const struct {
    const char *code;
    const char *message;
} status_text[AL_STATUS_COUNT] = {
    [AL_OK] = {"ok", "success"},
    [AL_ERR_NULL] = {"null_pointer", "a required pointer argument is NULL"},
    [AL_ERR_SIZE] = {"bad_size", "an array length is zero where data is needed, or too large"},
    [AL_ERR_KIND] = {"unknown_activation", "the activation kind is not in the catalog"},
    [AL_ERR_PARAM_COUNT] = {"param_count", "the number of parameters does not match the activation"},
    [AL_ERR_PARAM] = {"invalid_param", "a parameter is not finite or is outside its allowed range"},
    [AL_ERR_LABEL] = {"invalid_label", "a target is outside [0, 1], not finite, or the targets do not sum to 1"},
    [AL_ERR_DOMAIN] = {"domain", "the input has no defined result (every logit is -inf)"},
    [AL_ERR_UNSUPPORTED] = {"unsupported", "no derivative is available with respect to that parameter"},
    [AL_ERR_NO_MEMORY] = {"out_of_memory", "a memory allocation failed"},
    [AL_ERR_DIVERGED] = {"diverged", "training diverged: the loss or a gradient became NaN or infinite"},
    [AL_ERR_CONFIG] = {"invalid_config", "a network configuration value is out of range"},
};

const char *al_status_message(int status)
{
    if (status < 0 || status >= AL_STATUS_COUNT)
        return "unknown status";
    return status_text[status].message;
}

const char *al_status_code(int status)
{
    if (status < 0 || status >= AL_STATUS_COUNT)
        return "unknown_status";
    return status_text[status].code;
}
