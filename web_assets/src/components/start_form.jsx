// Locust's start form: users, ramp up, host, run time, user classes and the
// modules' arguments marked for the web UI (choices as selects, secrets
// masked, required and multiple values). The same form edits a running test.
import { useState } from "preact/hooks";
import { page, postForm } from "../api.js";

function ArgumentField({ name, spec, value, onInput }) {
  const id = `arg-${name}`;
  if (spec.choices && spec.choices.length > 0) {
    return (
      <label>
        {name}
        <select
          id={id}
          name={name}
          multiple={spec.is_multiple}
          required={spec.is_required}
          onChange={(e) => onInput([...e.target.selectedOptions].map((o) => o.value))}
        >
          {spec.choices.map((choice) => (
            <option key={choice} value={choice} selected={value.includes(choice)}>
              {choice}
            </option>
          ))}
        </select>
      </label>
    );
  }
  if (spec.type === "bool") {
    return (
      <label class="check">
        <input
          id={id}
          type="checkbox"
          checked={value[0] === "true"}
          onChange={(e) => onInput([e.target.checked ? "true" : "false"])}
        />
        {name}
      </label>
    );
  }
  return (
    <label title={spec.help}>
      {name}
      <input
        id={id}
        name={name}
        type={spec.is_secret ? "password" : "text"}
        required={spec.is_required}
        value={value.join(",")}
        onInput={(e) => onInput(spec.is_multiple ? e.target.value.split(",") : [e.target.value])}
      />
    </label>
  );
}

export function StartForm({ running, onDone }) {
  const options = page.extra_options ?? {};
  const classes = page.show_userclass_picker ? (page.available_user_classes ?? []) : [];
  const [users, setUsers] = useState(String(page.num_users ?? 1));
  const [rate, setRate] = useState(String(page.spawn_rate ?? 1));
  const [host, setHost] = useState(page.host ?? "");
  const [runTime, setRunTime] = useState(page.run_time ?? "");
  const [chosen, setChosen] = useState(classes);
  const [args, setArgs] = useState(
    Object.fromEntries(Object.entries(options).map(([name, spec]) => [name, spec.default_value ?? []])),
  );
  const [message, setMessage] = useState("");

  const submit = async (event) => {
    event.preventDefault();
    const fields = { user_count: users, spawn_rate: rate };
    if (!running) {
      fields.host = host;
      fields.run_time = runTime;
      if (classes.length > 0) fields.user_classes = chosen;
      for (const [name, values] of Object.entries(args)) {
        // an untouched empty field (a secret is never shown) keeps the current value
        if (values.length === 0 || (values.length === 1 && values[0] === "")) continue;
        fields[name] = values;
      }
    }
    const answer = await postForm("/swarm", fields);
    if (answer.success) {
      setMessage("");
      onDone();
    } else {
      setMessage(answer.message);
    }
  };

  return (
    <form id="start-form" class="panel" onSubmit={submit}>
      <h2>{running ? "Edit running load test" : "Start new load test"}</h2>
      <label>
        Number of users (peak concurrency)
        <input id="user_count" name="user_count" value={users} required onInput={(e) => setUsers(e.target.value)} />
      </label>
      <label>
        Ramp up (users started/second)
        <input id="spawn_rate" name="spawn_rate" value={rate} required onInput={(e) => setRate(e.target.value)} />
      </label>
      {!running && (
        <>
          <label>
            Host
            <input id="host" name="host" value={host} onInput={(e) => setHost(e.target.value)} />
          </label>
          <label>
            Run time (e.g. 20, 20s, 3m, 2h, 1h20m)
            <input id="run_time" name="run_time" value={runTime} onInput={(e) => setRunTime(e.target.value)} />
          </label>
          {classes.length > 0 && (
            <fieldset id="user-classes">
              <legend>User classes</legend>
              {classes.map((name) => (
                <label class="check" key={name}>
                  <input
                    type="checkbox"
                    value={name}
                    checked={chosen.includes(name)}
                    onChange={(e) =>
                      setChosen(e.target.checked ? [...chosen, name] : chosen.filter((c) => c !== name))
                    }
                  />
                  {name}
                </label>
              ))}
            </fieldset>
          )}
          {Object.keys(options).length > 0 && (
            <fieldset id="custom-arguments">
              <legend>Custom parameters</legend>
              {Object.entries(options).map(([name, spec]) => (
                <ArgumentField
                  key={name}
                  name={name}
                  spec={spec}
                  value={args[name] ?? []}
                  onInput={(values) => setArgs({ ...args, [name]: values })}
                />
              ))}
            </fieldset>
          )}
        </>
      )}
      <div class="buttons">
        <button type="submit" id="submit-start">
          {running ? "Update" : "Start"}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {message && (
        <p class="error" id="form-message">
          {message}
        </p>
      )}
    </form>
  );
}
