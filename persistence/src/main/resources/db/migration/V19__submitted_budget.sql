-- The budget a run was submitted with. agent_run.budget changes when an operator raises it; a
-- replay of the run's history starts from the submitted one. Set once on insert by a trigger, so
-- the submission statement stays as it is; never updated.
ALTER TABLE agent_run ADD COLUMN submitted_budget jsonb;

CREATE FUNCTION agent_run_keep_submitted_budget() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.submitted_budget := NEW.budget;
    RETURN NEW;
END
$$;

CREATE TRIGGER agent_run_submitted_budget
    BEFORE INSERT ON agent_run
    FOR EACH ROW EXECUTE FUNCTION agent_run_keep_submitted_budget();
