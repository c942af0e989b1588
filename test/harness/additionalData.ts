/** The `additionalData` n8n-core needs around a node run (the kit's, under the tests' name). */
export { engineAdditionalData as testAdditionalData } from '../../scripts/devkit';
